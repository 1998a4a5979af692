"""The documentation is checked against the code: messages and commands."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from kroniek.cli.main import app
from kroniek.errors import Msg
from tests.conftest import REPO


def test_every_message_is_documented_with_its_text():
    page = (REPO / "docs" / "errors.md").read_text(encoding="utf-8")
    documented = dict(re.findall(r"^\| (K\d{3}) \| (.+?) \| ", page, flags=re.M))
    assert set(documented) == {m.name for m in Msg}
    for msg in Msg:
        assert documented[msg.name] == msg.value, msg.name


def readme_commands() -> list[list[str]]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("## The command line", 1)[1].split("```", 2)[1]
    commands = []
    for line in block.splitlines():
        words = line.split("#")[0].split()
        if words and words[0] == "kroniek":
            sub = [w for w in words[1:3] if re.fullmatch(r"[a-z]+", w)]
            commands.append(sub[:1] if sub[:1] != ["actors"] else sub)
    return commands


@pytest.mark.parametrize("command", readme_commands(), ids=" ".join)
def test_every_command_in_the_readme_exists(command):
    result = CliRunner().invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
