"""``python -m tthc``: the same command line as the ``tthc`` script."""

from tthc.cli import main

raise SystemExit(main())
