"""The command line's sub-commands, one module per part of the course (see `eparticipation.cli`)."""
