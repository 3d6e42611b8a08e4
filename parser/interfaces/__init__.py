"""The ways in: the command line, batches over worker processes, the library's file
functions, the cluster recipe, and the version line."""
