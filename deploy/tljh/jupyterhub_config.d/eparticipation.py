# The workshop's addition to TLJH's JupyterHub configuration; deploy/tljh/setup.sh copies it to
# /opt/tljh/config/jupyterhub_config.d/ (TLJH's place for extra configuration).
#
# Kernels talk to their participant's server over local socket files (IPC) instead of TCP ports. With
# TCP, each participant's server picks "free" ports on its own; when a whole room starts its kernels at
# the same moment, two servers can pick the same port and a kernel dies at start ("Address already in
# use"), which the 40-participant load test showed (book/hub.md). Socket paths may hold 107 characters,
# so the files go to a short folder in each participant's private /tmp.
c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)
c.SystemdSpawner.isolate_tmp = True
c.Spawner.environment.update({"JUPYTER_RUNTIME_DIR": "/tmp/jupyter-runtime"})
c.Spawner.args.append("--KernelManager.transport=ipc")
