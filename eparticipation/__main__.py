from eparticipation.cli import main

raise SystemExit(main())
