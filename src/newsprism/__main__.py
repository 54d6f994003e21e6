from newsprism.cli import run

run()
