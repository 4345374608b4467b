import sys

from feedback_desk.cli import main

sys.exit(main())
