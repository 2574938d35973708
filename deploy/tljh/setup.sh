#!/usr/bin/env bash
# Prepare a server running The Littlest JupyterHub (TLJH) for the workshop. Run as root from a complete
# copy of the course repository that stays on the server (e.g. /opt/eparticipation-course):
#
#   sudo bash deploy/tljh/setup.sh
#
# 1. installs the course into TLJH's user environment with the exact pins (requirements.txt +
#    constraints.txt), checks them with `pip check`, and installs the course's JupyterLab settings;
#    without internet, first fill a wheelhouse on a connected computer with the same Python
#    (`pip download -r requirements.txt -d wheelhouse`) and run: WHEELHOUSE=/path/to/wheelhouse sudo -E bash ...
# 2. applies deploy/tljh/config.yaml with tljh-config (other settings stay as they are) and adds
#    deploy/tljh/jupyterhub_config.d/eparticipation.py (kernels over IPC, see that file);
# 3. copies the course's notebooks into /etc/skel (new accounts) and into every home under /home,
#    never replacing a file that is already there;
# 4. reloads the hub.
set -euo pipefail
COURSE="$(cd "$(dirname "$0")/../.." && pwd)"
USER_PYTHON="${USER_PYTHON:-/opt/tljh/user/bin/python}"
cd "$COURSE"

"$USER_PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "The TLJH user environment needs Python 3.11 or newer ($USER_PYTHON)." >&2; exit 1; }

pip_from=()
if [ -n "${WHEELHOUSE:-}" ]; then pip_from=(--no-index --find-links "$WHEELHOUSE"); fi
"$USER_PYTHON" -m pip install --disable-pip-version-check "${pip_from[@]}" -r requirements.txt
"$USER_PYTHON" -m pip check
"$USER_PYTHON" -m eparticipation lab-settings
chmod -R a+rX "$COURSE"   # every participant reads the package and its data from here

# config.yaml -> `tljh-config set KEY VALUE`, and `tljh-config add-item KEY VALUE` for list items not yet
# in the server's config (so running this script twice adds nothing twice). PyYAML is in the pins.
"$USER_PYTHON" - deploy/tljh/config.yaml /opt/tljh/config/config.yaml <<'PY' | while read -r action key value; do tljh-config "$action" "$key" "$value"; done
import os, sys, yaml
wanted = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
current = yaml.safe_load(open(sys.argv[2], encoding="utf-8")) or {} if os.path.exists(sys.argv[2]) else {}
def walk(node, have, path):
    for key, value in node.items():
        name = f"{path}.{key}" if path else key
        there = have.get(key) if isinstance(have, dict) else None
        if isinstance(value, dict):
            walk(value, there or {}, name)
        elif isinstance(value, list):
            for item in value:
                if item not in (there or []):
                    print("add-item", name, item)
        else:
            print("set", name, str(value).lower() if isinstance(value, bool) else value)
walk(wanted, current, "")
PY

install -m 644 deploy/tljh/jupyterhub_config.d/eparticipation.py /opt/tljh/config/jupyterhub_config.d/

"$USER_PYTHON" -m eparticipation hub-seed --home /etc/skel --homes-under /home
tljh-config reload
tljh-config reload proxy
echo "Done. Open the hub, log in as the facilitator and check one participant account (see book/hub.md)."
