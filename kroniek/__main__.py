from kroniek.cli.main import run

run()
