"""``python -m eventwire`` runs the program."""

from eventwire.cli import main

if __name__ == "__main__":  # not when a worker process re-imports the main module
    main()
