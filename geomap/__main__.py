import sys  # noqa: D100

from geomap.cli import main

sys.exit(main())
