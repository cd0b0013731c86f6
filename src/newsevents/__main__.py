"""python -m newsevents: the command line."""

from newsevents.cli import main

if __name__ == "__main__":
    main()
