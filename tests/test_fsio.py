"""The one writing module (gazetteer.fsio): atomic files, the folder rules with the output manifest, modes."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from gazetteer import fsio
from gazetteer.errors import OutputError
from geomap.io import MAP_OUTPUTS

V = "9.9.9"


def build_files(files: dict[str, str]):
    """A build function writing ``files`` (relative path → text) into the folder it is given."""
    def build(tmp: Path) -> str:
        for rel, text in files.items():
            p = tmp / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text, encoding="utf-8")
        return "built"
    return build


def publish(out: Path, files: dict[str, str], **kw) -> str:
    return fsio.publish_dir(out, build_files(files), version=V, known=kw.pop("known", MAP_OUTPUTS), **kw)


def tree(root: Path) -> dict[str, bytes]:
    """Every file below root (hidden ones too) → bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def no_temp_left(parent: Path) -> bool:
    return not [p for p in parent.rglob("*") if fsio.TMP_SUFFIX in p.name]


OUT = {"claims.json": "{}\n", "report.md": "# r\n", "layers/places.geojson": "{}\n"}


def test_new_folder_gets_files_and_a_manifest_without_timestamps(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert publish(out, OUT) == "built"
    m = json.loads((out / fsio.MANIFEST).read_text())
    assert m["geomap_version"] == V and m["generator"] == "geomap"
    assert [f["path"] for f in m["files"]] == sorted(OUT)
    for f in m["files"]:
        data = (out / f["path"]).read_bytes()
        assert f["size"] == len(data) and f["sha256"] == hashlib.sha256(data).hexdigest()
        assert set(f) == {"path", "size", "sha256"}
    assert set(m) == {"generator", "geomap_version", "files"}
    assert no_temp_left(tmp_path)


def test_rerun_is_byte_identical(tmp_path: Path) -> None:
    publish(tmp_path / "a", OUT)
    publish(tmp_path / "b", OUT)
    first = tree(tmp_path / "a")
    publish(tmp_path / "a", OUT)  # over itself: a geomap folder
    assert tree(tmp_path / "a") == first == tree(tmp_path / "b")


@pytest.mark.parametrize("state", ["empty", "manifest only", "geomap's files", "old outputs without manifest"])
def test_geomap_or_empty_folder_is_swapped_whole(tmp_path: Path, state: str) -> None:
    out = tmp_path / "out"
    if state == "empty":
        out.mkdir()
    elif state == "manifest only":
        publish(out, OUT)
        for rel in OUT:
            (out / rel).unlink()
    elif state == "geomap's files":
        publish(out, {**OUT, "layers/zones.geojson": "{}\n"})
    else:  # a checkout from before manifests: only known output names
        build_files({"map.html": "<html>", "claims.json": "{}", "layers/zones.geojson": "{}"})(out.parent / "out")
    before_ino = out.stat().st_ino if out.exists() else None
    publish(out, OUT)
    assert sorted(tree(out)) == sorted([*OUT, fsio.MANIFEST])  # stale layers/zones.geojson, map.html gone
    assert out.stat().st_ino != before_ino  # a new folder renamed into place
    assert no_temp_left(tmp_path)


def test_manifest_folder_with_user_files_is_updated_file_by_file(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "out"
    publish(out, {**OUT, "layers/zones.geojson": "{}\n"})
    (out / "notes.txt").write_text("mine\n")
    (out / "layers" / "my.geojson").write_text("mine too\n")
    ino = out.stat().st_ino
    order: list[str] = []
    real_replace = os.replace

    def spy(src, dst, *a, **k):  # noqa: ANN001
        order.append(Path(dst).name)
        return real_replace(src, dst, *a, **k)

    monkeypatch.setattr(fsio.os, "replace", spy)
    publish(out, {"claims.json": "{\"new\": 1}\n", "report.md": "# r2\n"})
    monkeypatch.undo()
    assert out.stat().st_ino == ino  # the same folder: not swapped
    assert (out / "notes.txt").read_text() == "mine\n" and (out / "layers" / "my.geojson").read_text() == "mine too\n"
    assert (out / "claims.json").read_text() == "{\"new\": 1}\n"
    assert not (out / "layers" / "places.geojson").exists() and not (out / "layers" / "zones.geojson").exists()
    assert order[-1] == fsio.MANIFEST  # written last
    m = json.loads((out / fsio.MANIFEST).read_text())
    assert [f["path"] for f in m["files"]] == ["claims.json", "report.md"]  # the user's files are not listed
    assert no_temp_left(tmp_path)


def test_non_empty_folder_without_manifest_is_refused_and_untouched(tmp_path: Path) -> None:
    out = tmp_path / "d"
    out.mkdir()
    (out / "notes.txt").write_text("x\n")
    before = tree(tmp_path)
    with pytest.raises(OutputError, match=r"'.*d'.*not empty.*notes\.txt.*--force"):
        publish(out, OUT)
    assert tree(tmp_path) == before and no_temp_left(tmp_path)


def test_force_writes_beside_user_files_then_the_folder_has_a_manifest(tmp_path: Path) -> None:
    out = tmp_path / "d"
    out.mkdir()
    (out / "notes.txt").write_text("x\n")
    publish(out, OUT, force=True)
    assert (out / "notes.txt").read_text() == "x\n"
    assert [f["path"] for f in json.loads((out / fsio.MANIFEST).read_text())["files"]] == sorted(OUT)
    publish(out, {"claims.json": "{}\n"})  # afterwards no --force is needed: rule 2
    assert (out / "notes.txt").read_text() == "x\n" and not (out / "report.md").exists()


@pytest.mark.parametrize("colliding", ["report.md", "layers/places.geojson", "layers"])
def test_force_never_overwrites_a_user_file(tmp_path: Path, colliding: str) -> None:
    out = tmp_path / "d"
    (out / colliding).parent.mkdir(parents=True, exist_ok=True)
    (out / colliding).write_text("my own\n")
    (out / "notes.txt").write_text("x\n")
    before = tree(tmp_path)
    with pytest.raises(OutputError, match=r"already holds .*geomap did not write"):
        publish(out, OUT, force=True)
    assert tree(tmp_path) == before and no_temp_left(tmp_path)


def test_a_user_file_beside_a_manifest_is_a_collision_too(tmp_path: Path) -> None:
    out = tmp_path / "d"
    publish(out, {"claims.json": "{}\n"})
    (out / "report.md").write_text("my notes on the report\n")  # not listed: the user's
    before = tree(tmp_path)
    with pytest.raises(OutputError, match="report.md"):
        publish(out, OUT)
    assert tree(tmp_path) == before


def test_a_listed_file_changed_by_the_user_is_not_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "d"
    publish(out, OUT)
    (out / "report.md").write_text("# r\n\nmy annotations\n")
    before = tree(tmp_path)
    with pytest.raises(OutputError, match="report.md was changed since geomap wrote it"):
        publish(out, OUT)
    assert tree(tmp_path) == before


def test_a_failing_build_leaves_the_previous_output_and_no_temp(tmp_path: Path) -> None:
    out = tmp_path / "out"
    publish(out, OUT)
    before = tree(tmp_path)

    def boom(tmp: Path) -> None:
        (tmp / "claims.json").write_text("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        fsio.publish_dir(out, boom, version=V, known=MAP_OUTPUTS)
    assert tree(tmp_path) == before and no_temp_left(tmp_path)


def test_a_link_to_a_folder_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real"
    publish(real, OUT)
    (tmp_path / "ln").symlink_to(real)
    publish(tmp_path / "ln", {"claims.json": "{}\n"})
    assert (tmp_path / "ln").is_symlink() and sorted(tree(real)) == ["claims.json", fsio.MANIFEST]


@pytest.mark.parametrize("where", ["", ".", "cwd", "/", "home", "parent of cwd", "file", "below a file"])
def test_places_that_are_never_output_folders(tmp_path: Path, where: str, monkeypatch) -> None:
    (tmp_path / "home").mkdir()
    (tmp_path / "work" / "sub").mkdir(parents=True)
    (tmp_path / "f.txt").write_text("x")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path / "work" / "sub")
    path = {"": "", ".": ".", "cwd": str(tmp_path / "work" / "sub"), "/": "/", "home": str(tmp_path / "home"),
            "parent of cwd": "..", "file": str(tmp_path / "f.txt"), "below a file": str(tmp_path / "f.txt" / "o")}[where]
    before = tree(tmp_path)
    with pytest.raises(OutputError) as e:
        publish(Path(path) if path else "", OUT)
    assert "\n" not in str(e.value) and repr(path)[1:-1] in str(e.value)
    assert tree(tmp_path) == before and no_temp_left(tmp_path)


def test_read_only_folder_and_parent_are_refused_even_for_root(tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="read-only"):
            publish(ro, OUT)
        with pytest.raises(OutputError, match="not writable"):
            publish(ro / "out", OUT)
        with pytest.raises(OutputError, match="not writable"):
            fsio.atomic_write_bytes(ro / "x.json", b"{}")
    finally:
        ro.chmod(0o755)
    assert list(ro.iterdir()) == []


def test_atomic_file_keeps_the_old_content_on_failure(tmp_path: Path) -> None:
    p = tmp_path / "x.json"
    p.write_text("old")
    with pytest.raises(ZeroDivisionError):
        with fsio.atomic_open(p, "w") as f:
            f.write("new, half")
            1 / 0  # noqa: B018
    assert p.read_text() == "old" and sorted(x.name for x in tmp_path.iterdir()) == ["x.json"]
    fsio.atomic_write_bytes(p, b"new")
    assert p.read_bytes() == b"new" and oct(p.stat().st_mode & 0o777) == "0o644"


def test_outputs_are_readable_by_everyone_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        fsio.replace_dir(tmp_path / "pack", build_files({"manifest.json": "{}", "index/a.npy": "x"}),
                         is_ours=lambda p: (p / "manifest.json").is_file())
        fsio.replace_dir(tmp_path / "pack", build_files({"manifest.json": "{}", "b.parquet": "x"}),
                         is_ours=lambda p: (p / "manifest.json").is_file())
    finally:
        os.umask(old)
    pack = tmp_path / "pack"
    modes = {p.relative_to(tmp_path).as_posix(): oct(p.stat().st_mode & 0o777) for p in [pack, *pack.rglob("*")]}
    assert modes == {"pack": "0o755", "pack/manifest.json": "0o644", "pack/b.parquet": "0o644"}
    assert no_temp_left(tmp_path)


def test_replace_dir_refuses_a_folder_that_is_not_geomaps(tmp_path: Path) -> None:
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "thesis.tex").write_text("x")
    with pytest.raises(OutputError, match="not geomap's"):
        fsio.replace_dir(tmp_path / "pack", build_files({"manifest.json": "{}"}),
                         is_ours=lambda p: (p / "manifest.json").is_file())
    assert (tmp_path / "pack" / "thesis.tex").read_text() == "x"


def test_unreadable_manifest_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    publish(out, OUT)
    (out / fsio.MANIFEST).write_text("{not json")
    with pytest.raises(OutputError, match="unreadable"):
        publish(out, OUT)
