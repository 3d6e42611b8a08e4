"""Worker processes for a batch: results in input order, each file under a time limit.

A small pool of our own rather than ``concurrent.futures.ProcessPoolExecutor``, for three reasons:

- a time limit per file needs to know which file each worker is on and since when; here a worker
  gets a chunk of inputs and answers each one as soon as it is parsed, so the parent knows;
- a worker stuck on one file (or dead) must be replaced without losing the files it held or
  breaking the rest of the pool; here it is killed, the file gets an error object (``timeout``,
  or ``crashed`` when it killed a worker twice), the others it held go back to the queue;
- the executor's helper threads could make the interpreter print ``Exception ignored … OSError:
  Bad file descriptor`` as a ``parse -j 2`` run exited; this pool has no threads, and every
  worker is stopped and joined before the batch returns.

Timing is done in the parent: a file's clock starts when its chunk is sent or the answer before
it arrives, so a limit can only ever be late (when the caller is slow to take results), never
early. Workers are forked from this process, warm, when it runs no other thread (Linux);
otherwise from a ``forkserver`` that has imported the parser (or spawned where there is none).
"""

from __future__ import annotations

import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

# a worker that exits this many times in a row before it is ready means workers cannot start at all
MAX_START_FAILURES = 3
# how long an idle worker asked to stop may take before it is killed, in seconds
STOP_GRACE = 5.0
# an input whose worker died this many times fails: once could be the OOM killer choosing another
# process's victim, twice is this input
MAX_DEATHS = 2
_READY = "ready"  # a worker's first message: warmed up, the clock of its first file may start
CRASHED = "a worker process died while parsing this input (a crash or out of memory)"

Task = tuple[Any, ...]  # (index, …): index counts inputs from 0


@dataclass
class _Worker:
    process: Any
    conn: Any  # multiprocessing.connection.Connection, the parent's end
    ready: bool = False
    held: deque[Task] = field(default_factory=deque)  # sent and not yet answered, in order
    since: float = 0.0  # when its current file began, at the latest (parent's monotonic clock)


def run_in_workers(tasks: Iterator[Task], work: Callable[[Task], Any], failed: Callable[[Task, str, str], Any], *,
                   jobs: int, chunk: int, window: int, timeout: float | None) -> Iterator[Any]:
    """``work(task)`` for every task, run in ``jobs`` worker processes; results in task order.

    ``work`` must never raise (it runs in a worker; a worker that dies is a crash). ``failed(task,
    code, message)`` makes the result of a task whose worker was stopped (``timeout``) or died
    twice on it (``crashed``). At most ``jobs × window × chunk`` tasks are read ahead of the
    results taken, so memory stays flat however long ``tasks`` is. ``timeout``: seconds one
    task may take (None or 0: no limit).
    """
    pool = _Pool(jobs, work, failed, chunk, timeout or None)
    try:
        yield from pool.results(tasks, jobs * window * chunk)
    finally:
        pool.stop()


class _Pool:
    def __init__(self, jobs: int, work: Callable[[Task], Any], failed: Callable[[Task, str, str], Any],
                 chunk: int, timeout: float | None) -> None:
        self.jobs = jobs
        self.work = work
        self.failed = failed
        self.chunk = chunk
        self.timeout = timeout
        self.context, self.init = _start_method()
        self.workers: list[_Worker] = []
        self.todo: deque[Task] = deque()  # read, not yet sent; tasks given back go first
        self.done: dict[int, Any] = {}  # answered, waiting for the tasks before them
        self.deaths: dict[int, int] = {}  # task index → workers that died on it
        self.start_failures = 0

    def results(self, tasks: Iterator[Task], read_ahead: int) -> Iterator[Any]:
        for _ in range(self.jobs):
            self.workers.append(self._start())  # one by one: each fork closes the pipes of those before
        next_out = read = 0
        exhausted = False
        while True:
            while next_out in self.done:
                yield self.done.pop(next_out)
                next_out += 1
            while not exhausted and len(self.todo) < self.chunk * self.jobs and read - next_out < read_ahead:
                task = next(tasks, None)
                if task is None:
                    exhausted = True
                else:
                    self.todo.append(task)
                    read += 1
            for worker in self.workers:
                if worker.ready and not worker.held and self.todo:
                    self._send(worker)
            if exhausted and not self.todo and not any(w.held for w in self.workers) and not self.done:
                return
            self._wait()

    def _send(self, worker: _Worker) -> None:
        batch = [self.todo.popleft() for _ in range(min(self.chunk, len(self.todo)))]
        worker.held.extend(batch)
        try:
            worker.conn.send(batch)
        except OSError:
            pass  # it died: its sentinel says so, and _replace gives the batch back
        worker.since = time.monotonic()

    def _wait(self) -> None:
        from multiprocessing.connection import wait

        delay = None
        busy = [w.since for w in self.workers if w.held]
        if self.timeout and busy:
            delay = max(0.0, min(busy) + self.timeout - time.monotonic())
        handles = [w.conn for w in self.workers] + [w.process.sentinel for w in self.workers]
        ready = set(wait(handles, delay))
        for i, worker in enumerate(self.workers):
            if worker.conn in ready or worker.process.sentinel in ready:
                alive = self._drain(worker)
                if not alive or worker.process.sentinel in ready:
                    self._replace(i, "crashed", CRASHED)
        if self.timeout:
            for i, worker in enumerate(self.workers):
                if worker.held and time.monotonic() - worker.since >= self.timeout:
                    alive = self._drain(worker)  # an answer that came in since: not late after all
                    if not alive:
                        self._replace(i, "crashed", CRASHED)
                    elif worker.held and time.monotonic() - worker.since >= self.timeout:
                        self._replace(i, "timeout", f"parsing took longer than the time limit of {self.timeout:g} s "
                                                    "and was stopped (raise it with --timeout)")

    def _drain(self, worker: _Worker) -> bool:
        """Take every answer the worker has sent; False when its end of the pipe is gone."""
        try:
            while worker.conn.poll():
                message = worker.conn.recv()
                worker.since = time.monotonic()
                if isinstance(message, str) and message == _READY:
                    worker.ready = True
                    self.start_failures = 0
                else:
                    task = worker.held.popleft()
                    self.done[task[0]] = message
        except (EOFError, OSError):
            return False
        return True

    def _replace(self, i: int, code: str, message: str) -> None:
        """Stop worker ``i`` and start another; its current task fails or goes back, the rest go back."""
        worker = self.workers[i]
        exitcode = worker.process.exitcode
        _kill(worker)
        held = list(worker.held)
        if held:
            head = held[0]
            if code == "timeout":
                self.done[head[0]] = self.failed(head, code, message)
                held = held[1:]
            else:
                deaths = self.deaths[head[0]] = self.deaths.get(head[0], 0) + 1
                if deaths >= MAX_DEATHS:
                    self.done[head[0]] = self.failed(head, code, message)
                    held = held[1:]
            self.todo.extendleft(reversed(held))
        elif not worker.ready:
            self.start_failures += 1
            if self.start_failures >= MAX_START_FAILURES:
                raise RuntimeError(f"worker processes exit as they start (exit code {exitcode})")
        self.workers[i] = self._start()

    def _start(self) -> _Worker:
        parent_end, child_end = self.context.Pipe()
        # a forked child inherits every open pipe; it closes the parent's ends, so a worker sees
        # the end of its pipe when the parent goes, and the parent when a worker dies
        inherited = [parent_end, *(w.conn for w in self.workers)] if self.context.get_start_method() == "fork" else []
        process = self.context.Process(target=_serve, args=(child_end, self.work, self.init, inherited), daemon=True)
        process.start()
        child_end.close()
        return _Worker(process, parent_end)

    def stop(self) -> None:
        """Stop every worker: idle ones are asked to finish, busy ones killed; all are joined."""
        asked = []
        for worker in self.workers:
            if worker.ready and not worker.held:
                try:
                    worker.conn.send(None)
                    asked.append(worker)
                    continue
                except OSError:
                    pass
            _kill(worker)
        for worker in asked:
            worker.process.join(STOP_GRACE)
            _kill(worker)
        self.workers = []


def _kill(worker: _Worker) -> None:
    """Kill the worker if it still runs, reap it and release its pipe and sentinel (again: no-op)."""
    if worker.process is None:
        return
    if worker.process.exitcode is None:
        worker.process.kill()
    worker.process.join()
    worker.process.close()
    worker.conn.close()
    worker.process = None


def _serve(conn: Any, work: Callable[[Task], Any], init: Callable[[], None], inherited: list[Any]) -> None:
    """A worker's life: answer each task of each chunk received, until None or the parent goes."""
    for other in inherited:
        other.close()
    try:
        init()
        conn.send(_READY)
        while True:
            batch = conn.recv()
            if batch is None:
                _keep_compiled()
                return
            for task in batch:
                conn.send(work(task))
    except (EOFError, OSError):
        return  # the parent went away: nothing to answer to


def _keep_compiled() -> None:
    """In a worker asked to stop: write the patterns it compiled to the pattern cache, as a process
    that exits normally does at exit (a worker process ends through ``os._exit``, which runs no
    exit hook), so the next run on this machine starts with them."""
    from .. import patterns

    patterns.store().save()


def _start_method() -> tuple[Any, Callable[[], None]]:
    """The multiprocessing context for workers, and what a worker runs before its first task."""
    import multiprocessing as mp
    import threading

    if sys.platform == "linux" and threading.active_count() == 1:
        # nothing else runs here that a fork could catch holding a lock: warm up here once and
        # fork the workers from this process, each starting warm at once
        _warm_up(in_worker=False)
        return mp.get_context("fork"), _start_forked_worker
    method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    ctx = mp.get_context(method)
    if method == "forkserver":
        # the server imports the parser once; every worker forks from it already warm
        ctx.set_forkserver_preload(["parser.pipeline"])
    return ctx, _warm_up


def _ignore_interrupts() -> None:
    """In a worker: ignore Ctrl-C; the parent stops the batch."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _freeze_heap() -> None:
    """In a warm worker: move what exists so far (lexicons, patterns, grammars) out of the
    garbage collector's sight, so its collections stop walking it (2–3 % of a worker's time)
    and stop touching pages a forked worker shares with its parent."""
    import gc

    gc.freeze()


def _start_forked_worker() -> None:
    _ignore_interrupts()
    _freeze_heap()


def _warm_up(in_worker: bool = True) -> None:
    """Build the grammars and load the lexicons (in a worker, or before forking workers)."""
    if in_worker:
        _ignore_interrupts()
    from ..pipeline import parse_input

    parse_input("市委书记张三出席会议。一要抓落实，二要抓统筹。")  # a roster and a run: every grammar
    if in_worker:
        _freeze_heap()
