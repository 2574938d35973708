import json

from eparticipation.book.lab_settings import LAB_OVERRIDES, install_lab_settings, overrides_path


def test_settings_are_merged_into_existing_overrides(tmp_path):
    path = overrides_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}))
    install_lab_settings(tmp_path)
    data = json.loads(path.read_text())
    assert data["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}
    assert data["@jupyterlab/notebook-extension:tracker"]["autoStartDefaultKernel"] is True


def test_a_broken_overrides_file_is_replaced(tmp_path):
    path = overrides_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    install_lab_settings(tmp_path)
    assert json.loads(path.read_text()) == LAB_OVERRIDES
