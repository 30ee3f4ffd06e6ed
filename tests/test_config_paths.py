"""Issue 15, item 7: every folder and file calcii18n.toml names stays inside the project.

calcii18n.toml comes with the project (a pull request, a zip), so `locale = "../x"` must not
make `extract` write outside it, nor `sources = "/etc"` make it read there. Each such
setting is an error on its own line, exit 2, with nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from calcii18n.config import load_config, parse_config
from calcii18n.errors import ConfigError

from helpers import CARE_LEAFLET, run_cli

HEAD = '# settings\nlocales = ["es"]\n'  # the setting under test goes on line 3


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project one level down, so that "../x" is a folder of the test's own."""
    root = tmp_path / "project"
    (root / "sources").mkdir(parents=True)
    (root / "sources" / "care.md").write_text(CARE_LEAFLET, encoding="utf-8")
    (root / "calcii18n.toml").write_text(HEAD, encoding="utf-8")
    return root


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.mark.parametrize("setting", ['locale = "../x"', 'build = "../x"', 'sources = "/etc"',
                                     'build = "/"', 'templates = "../x"',
                                     'locale = "sub/../../x"', 'glossary = "../x/g.toml"',
                                     'clinic = "/etc/passwd"'])
def test_a_setting_outside_the_project_is_an_error_on_its_line(project: Path,
                                                              setting: str) -> None:
    (project / "calcii18n.toml").write_text(HEAD + setting + "\n", encoding="utf-8")
    before = files_under(project.parent)
    out = run_cli(project, "extract", code=2)
    assert out.startswith("error: ") and "calcii18n.toml:3: " in out, out
    assert "outside the project folder" in out
    assert files_under(project.parent) == before  # nothing written, inside or out
    assert not (project.parent / "x").exists()


def test_extract_with_locale_outside_writes_nothing_there(project: Path) -> None:
    """The issue's case: `extract` wrote ../x/care.pot and exited 0."""
    (project / "calcii18n.toml").write_text(HEAD + 'locale = "../x"\n', encoding="utf-8")
    out = run_cli(project, "extract", code=2)
    assert "calcii18n.toml:3: locale = '../x' leads outside the project folder" in out
    assert not (project.parent / "x").exists()


def test_build_outside_says_how_to_render_elsewhere(project: Path) -> None:
    (project / "calcii18n.toml").write_text(HEAD + 'build = "/"\n', encoding="utf-8")
    assert "render -o FOLDER" in run_cli(project, "render", "en", code=2)


def test_a_folder_that_is_a_link_out_of_the_project_is_refused(project: Path) -> None:
    outside = project.parent / "elsewhere"
    outside.mkdir()
    (project / "locale").symlink_to(outside, target_is_directory=True)
    out = run_cli(project, "extract", code=2)
    assert "locale (default 'locale') leads outside the project folder through a " \
           "symbolic link" in out
    assert list(outside.iterdir()) == []
    (project / "calcii18n.toml").write_text(HEAD + 'locale = "locale"\n', encoding="utf-8")
    assert "calcii18n.toml:3: locale = 'locale' leads outside" in run_cli(project, "extract",
                                                                      code=2)


def test_folders_inside_the_project_still_work_links_included(project: Path) -> None:
    (project / "real-locale").mkdir()
    (project / "locale").symlink_to(project / "real-locale", target_is_directory=True)
    (project / "calcii18n.toml").write_text(
        HEAD + 'sources = "./sources/"\nbuild = "out/../build"\n', encoding="utf-8")
    run_cli(project, "extract")
    assert (project / "real-locale" / "care.pot").is_file()
    cfg = load_config(project / "calcii18n.toml", project)
    assert cfg.build == project.resolve() / "build"
    assert cfg.locale == project.resolve() / "real-locale"


def test_config_remembers_the_line_of_each_setting(project: Path) -> None:
    """For errors about a folder found later (e.g. "sources folder not found")."""
    (project / "calcii18n.toml").write_text(HEAD + 'sources = "sources"\n\n[readability]\n'
                                            'smog_max = 9\n', encoding="utf-8")
    cfg = load_config(project / "calcii18n.toml", project)
    assert (cfg.line_of("locales"), cfg.line_of("sources")) == (2, 3)
    assert cfg.line_of("readability") == 5 and cfg.line_of("build") is None


def test_a_calcii18n_toml_found_by_search_must_not_be_a_link_out(tmp_path: Path) -> None:
    """Found by search, a link would move the project to another folder; named with
    --config, the link is the user's own choice and its target's folder is the project."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "calcii18n.toml").write_text('locales = ["es"]\n', encoding="utf-8")
    here = tmp_path / "here"
    here.mkdir()
    (here / "calcii18n.toml").symlink_to(elsewhere / "calcii18n.toml")
    with pytest.raises(Exception, match="leads outside the project folder through a "
                                        "symbolic link"):
        load_config(None, here)
    assert load_config(here / "calcii18n.toml", here).root == elsewhere.resolve()


@pytest.mark.parametrize(("text", "line"), [
    ('locales = ["es"]\n\nbuild = "../b"\n', 3),
    ('locales = [\n  "es",\n  "xx-nope",\n]\n', 3),  # the bad code's own line
    ('\n\n[readability]\n"smog_max" = 0\n', 4),
    ('\nreadability.smog_max = 0\n', 2),
    ('\n[readability]\nwhat = 1\n', 3),
    ('\n\n"unknown key" = 1\n', 3),
    ('\n[review]\nmax_cycle_years = 20\n', 3),
    ('\n[review]\nrequire = []\n', 3),
    ('\n[review]\nrequire = ["clinical", "clinical"]\n', 3),
    ('\n[review]\nallow_self_review = "yes"\n', 3),
    ('\n[review]\nreviewers = "x.toml"\n', 3),
])
def test_config_errors_name_their_line(text: str, line: int) -> None:
    with pytest.raises(ConfigError) as err:
        parse_config(text, Path("/p/calcii18n.toml"), "calcii18n.toml")
    assert err.value.line == line, str(err.value)


def test_review_policy_defaults_and_settings() -> None:
    default = parse_config("", Path("/p/calcii18n.toml"), "calcii18n.toml").policy
    assert (default.require, default.allow_self_review, default.max_cycle_years) == (
        ("clinical",), False, 3)
    text = ('[review]\nrequire = ["clinical", "linguistic"]\nallow_self_review = true\n'
            'max_cycle_years = 2\n')
    policy = parse_config(text, Path("/p/calcii18n.toml"), "calcii18n.toml").policy
    assert (policy.require, policy.allow_self_review, policy.max_cycle_years) == (
        ("clinical", "linguistic"), True, 2)
