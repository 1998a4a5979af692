"""kroniek actors resolve / evaluate actors: the contract of the command line."""

import json

from typer.testing import CliRunner

from kroniek.cli.main import app


def test_resolve_writes_one_object_per_line_in_order() -> None:
    names = "Poetin\n\nТихановская\nJan Zwartbol\n"
    result = CliRunner().invoke(app, ["actors", "resolve", "--date", "2020-10-05"], input=names)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["name"] for r in rows] == ["Poetin", "", "Тихановская", "Jan Zwartbol"]
    assert set(rows[0]) == {"name", "id", "canonical", "country", "sector", "score"}
    assert (rows[0]["id"], rows[0]["country"]) == ("Q7747", "RUS")
    assert rows[1]["id"] is None
    assert rows[2]["id"] == "kroniek:sviatlana-tsikhanouskaya"
    assert rows[3]["id"].startswith("kroniek:") and rows[3]["canonical"] is None


def test_evaluate_actors_on_a_small_pairs_file(tmp_path) -> None:
    pairs = tmp_path / "pairs.tsv"
    pairs.write_text("Loekasjenko\tL\nLukashenko\tL\nPoetin\tP\nPutin\tP\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", "actors", "--pairs", str(pairs), "--json"])
    assert result.exit_code == 0, result.output
    overall = json.loads(result.stdout)["overall"]
    assert (overall["precision"], overall["recall"]) == (1.0, 1.0)
