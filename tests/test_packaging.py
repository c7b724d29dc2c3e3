"""What is shipped: the sdist carries its own test suite, the wheel the bundled data, and
the lock file pins every dependency pyproject.toml declares."""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("hatchling", reason="building needs the dev extra (hatchling)")
from packaging.markers import default_environment
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent

try:
    import tomllib
except ImportError:  # pragma: no cover - Python 3.10
    tomllib = pytest.importorskip("tomli")


def build(target: str, out: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", target, "-d", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (artifact,) = out.iterdir()
    return artifact


@pytest.fixture(scope="module")
def sdist_names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    artifact = build("sdist", tmp_path_factory.mktemp("sdist"))
    with tarfile.open(artifact) as archive:
        # Members are "tthc-<version>/<path>".
        return {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}


@pytest.mark.parametrize(
    "path",
    [
        "pyproject.toml",
        "conftest.py",  # Hypothesis profiles, Markdown code blocks as tests
        ".pre-commit-hooks.yaml",  # tests/catalog/test_schema.py reads it
        "schema/catalog.schema.json",  # the schema test compares it with the models
        "mkdocs.yml",
        "docs/index.md",
        "docs/dossier.md",  # tests/dossier/test_machine.py reads the state table
        "README.md",  # its examples run as tests
        "CHANGELOG.md",
        "Makefile",
        "requirements/dev.lock",
        "requirements/pip.lock",
        "catalog/ho-tich",
        "tests/catalog/examples/valid/full.yaml",
        "tests/calendar/golden",
        "benchmarks/__main__.py",
        "src/tthc/py.typed",
    ],
)
def test_the_sdist_carries_what_its_test_suite_reads(sdist_names: set[str], path: str) -> None:
    assert path in sdist_names or any(name.startswith(path + "/") for name in sdist_names)


def test_the_sdist_carries_every_file_the_tests_and_docs_are_made_of(
    sdist_names: set[str],
) -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "tests", "docs", "catalog", "schema", "src"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if tracked.returncode != 0:  # pragma: no cover - an unpacked sdist is not a git checkout
        pytest.skip("not a git checkout")
    missing = set(tracked.stdout.split()) - sdist_names
    assert not missing


def test_the_wheel_carries_the_typed_marker_and_the_bundled_catalogue(tmp_path: Path) -> None:
    with zipfile.ZipFile(build("wheel", tmp_path)) as wheel:
        names = set(wheel.namelist())
    assert "tthc/py.typed" in names
    assert any(name.startswith("tthc/_bundled_catalog/") for name in names)
    assert not any(name.startswith("tests/") for name in names)


def test_the_installed_wheel_loads_the_bundled_catalogue(tmp_path: Path) -> None:
    """Outside any checkout: the package data alone, as an installed wheel has it."""
    with zipfile.ZipFile(build("wheel", tmp_path / "dist")) as wheel:
        wheel.extractall(tmp_path / "site")
    names = sorted(p.name for p in (tmp_path / "site" / "tthc" / "_bundled_catalog").iterdir())
    assert "portal" in names
    assert (tmp_path / "site" / "tthc" / "catalog" / "data" / "national.json").is_file()
    script = (
        "from tthc.catalog import bundled_catalog, national_list, _bundled; "
        "print(_bundled.bundled_catalog_folder().parent.name, len(bundled_catalog()), "
        "len(bundled_catalog(portal=False)), len(national_list()))"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, 'site'); {script}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    package, everything, curated, national = result.stdout.split()
    assert package == "tthc"
    assert int(everything) > 300
    assert int(curated) == 11  # 10 codes, 1.004859 in two versions
    assert int(national) == 5670


# ---------------------------------------------------------------- the lock file

_PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>\S+)(?: ; (?P<marker>[^\\]+?))? \\$")


def locked() -> dict[str, str]:
    """Name -> version pinned for this interpreter, from requirements/dev.lock."""
    environment = default_environment()
    pins: dict[str, str] = {}
    for line in (ROOT / "requirements" / "dev.lock").read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if match is None:
            continue
        requirement = Requirement(line.split(" \\")[0].replace(" ; ", "; "))
        if requirement.marker is None or requirement.marker.evaluate(environment):
            pins[_normal(match["name"])] = match["version"]
    return pins


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    texts = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        texts += [text for text in extra if not text.startswith("tthc[")]
    return [Requirement(text) for text in texts]


def test_the_lock_pins_every_declared_dependency_within_its_range() -> None:
    """Fails when pyproject.toml changes and `make lock` was not run."""
    pins = locked()
    environment = default_environment()
    for requirement in declared():
        if requirement.marker is not None and not requirement.marker.evaluate(environment):
            continue
        name = _normal(requirement.name)
        assert name in pins, f"{requirement} is not in requirements/dev.lock: run `make lock`"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"requirements/dev.lock pins {name}=={pins[name]}, outside {requirement}: "
            "run `make lock`"
        )


def test_every_line_of_the_lock_is_an_exact_version_with_hashes() -> None:
    text = (ROOT / "requirements" / "dev.lock").read_text(encoding="utf-8")
    entries = [line for line in text.splitlines() if line and not line[0].isspace()]
    entries = [line for line in entries if not line.startswith("#")]
    assert entries
    assert all(_PIN.match(line) for line in entries), [e for e in entries if not _PIN.match(e)]
    assert text.count("--hash=sha256:") >= len(entries)
