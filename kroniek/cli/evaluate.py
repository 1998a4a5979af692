"""kroniek evaluate ...: scores on gold data. Each subcommand prints a report, or JSON with --json.

Quality claims in notes and docs come from these commands, never from unit tests.
"""

from __future__ import annotations

from pathlib import Path

import typer

from kroniek.nlp.languages import PACKAGE_DIR

app = typer.Typer(help="Score kroniek on gold data.", no_args_is_help=True)

#: ../shared beside the checkout, where the gold data lives (present in CI too).
DEFAULT_SHARED = PACKAGE_DIR.parent.parent / "shared"
SharedOption = typer.Option(DEFAULT_SHARED, "--shared", help="The shared/ folder with data/.")


@app.command("nlp")
def nlp(
    json_output: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    shared: Path = SharedOption,
) -> None:
    """Tags, lemmas and parse on the UD Dutch test sets; names on CoNLL-2002 testb and EventDNA dev."""
    from kroniek.cli import evaluate_nlp  # imported on use: it loads spaCy

    raise typer.Exit(evaluate_nlp.run(json_output=json_output, shared_dir=shared))


def _report(kind: str, gold: Path, json_output: bool, shared: Path, model: bool) -> int:
    import json
    import sys
    from importlib import import_module

    module = import_module(f"kroniek.evaluate.{kind}")
    if not Path(gold).exists():
        print(f"no gold file at {gold}", file=sys.stderr)
        return 1
    results = getattr(module, f"evaluate_{kind}")(Path(gold), Path(shared), use_model=model)
    print(json.dumps(results, indent=1, ensure_ascii=False) if json_output else module.format_report(results))
    return 0


_EVAL = Path(__file__).resolve().parents[2] / "eval"
JsonOption = typer.Option(False, "--json", help="Print the figures as JSON.")
ModelOption = typer.Option(True, "--model/--no-model", help="Use the trained model (else the rule-based pipeline).")


@app.command("quotes")
def quotes(
    gold: Path = typer.Option(_EVAL / "quotes" / "gold.jsonl", "--gold", help="Gold quotes (JSONL, eval/README.md)."),
    json_output: bool = JsonOption,
    shared: Path = SharedOption,
    model: bool = ModelOption,
) -> None:
    """Direct-quote speaker accuracy, indirect-quote recall and quote span P/R on hand-made gold."""
    raise typer.Exit(_report("quotes", gold, json_output, shared, model))


@app.command("dates")
def dates(
    gold: Path = typer.Option(_EVAL / "dates" / "gold.jsonl", "--gold", help="Gold time expressions (JSONL)."),
    json_output: bool = JsonOption,
    shared: Path = SharedOption,
    model: bool = ModelOption,
) -> None:
    """Value+precision and day-level accuracy of resolved time expressions on hand-made gold."""
    raise typer.Exit(_report("dates", gold, json_output, shared, model))


@app.command("places")
def places(
    gold: Path = typer.Option(_EVAL / "places" / "gold.jsonl", "--gold", help="Gold places (JSONL)."),
    json_output: bool = JsonOption,
    shared: Path = SharedOption,
    model: bool = ModelOption,
) -> None:
    """Place (GeoNames id) and country-level accuracy of geocoded place mentions on hand-made gold."""
    raise typer.Exit(_report("places", gold, json_output, shared, model))


@app.command("plover")
def plover(
    gold: Path = typer.Option(_EVAL / "plover" / "gold.jsonl", "--gold", help="Gold PLOVER events (JSONL)."),
    json_output: bool = JsonOption,
    shared: Path = SharedOption,
    model: bool = ModelOption,
) -> None:
    """PLOVER event P/R/F1, per type, and mode/actor/recipient/size/modality accuracy on hand-made gold."""
    raise typer.Exit(_report("plover", gold, json_output, shared, model))


@app.command("actors")
def actors(
    pairs: Path | None = typer.Option(
        None, "--pairs", help="TSV: variant<TAB>entity_id (a third source column is allowed)."
    ),
    bench: Path | None = typer.Option(
        None, "--bench", help="CSV of labelled name pairs (name1, name2, is_match), e.g. nomenklatura's cases.csv."
    ),
    json_output: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    lang: str = typer.Option("nl", "--lang"),
) -> None:
    """Actor resolution: as clustering (--pairs: pairwise same-entity P/R/F1) and/or as a name
    comparator on labelled match/no-match pairs (--bench)."""
    import json

    from kroniek.evaluate.actors import evaluate_actors, evaluate_bench, format_bench, format_report

    if pairs is None and bench is None:
        typer.echo("give --pairs FILE and/or --bench FILE", err=True)
        raise typer.Exit(1)
    for path in (pairs, bench):
        if path is not None and not path.is_file():
            typer.echo(f"no file at {path}", err=True)
            raise typer.Exit(1)
    results = {}
    if pairs is not None:
        results["pairs"] = evaluate_actors(pairs, lang=lang)
    if bench is not None:
        results["bench"] = evaluate_bench(bench, lang=lang)
    if json_output:
        out = results["pairs"] if list(results) == ["pairs"] else results
        typer.echo(json.dumps(out, indent=1, ensure_ascii=False))
        return
    texts = [format_report(results["pairs"])] if "pairs" in results else []
    texts += [format_bench(results["bench"])] if "bench" in results else []
    typer.echo("\n\n".join(texts))


@app.command("events")
def events(
    gold: Path = typer.Option(..., "--gold", help="EventDNA-format JSONL (e.g. ../shared/data/eventdna/dev.jsonl)."),
    predictions: Path | None = typer.Option(None, "--predictions", help="Write kroniek's events here (JSONL)."),
    json_output: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Event detection, types, arguments, modality and polarity against EventDNA-format gold."""
    import json

    from kroniek.evaluate.events import evaluate_events, format_report

    if not gold.is_file():
        typer.echo(f"no gold file at {gold}", err=True)
        raise typer.Exit(1)
    result = evaluate_events(gold, predictions)
    typer.echo(json.dumps(result, indent=1) if json_output else format_report(result))
