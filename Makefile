# The two commands README starts with: `make demo` and `make test`.
# Each sets the machine up first (system libraries, .venv, pip install -e .[dev]).
.PHONY: demo test setup samples bench lint clean

demo: setup
	.venv/bin/handtf render transformer
	@echo "open media/transformer.mp4"

test: setup
	.venv/bin/python -m pytest

setup:
	@bash .ci/setup

# The small samples README shows (committed).
samples: setup
	.venv/bin/handtf render transformer -f gif -q l -o media/transformer.gif
	.venv/bin/handtf render transformer -f png -q l -o media/transformer-final.png

bench: setup
	.venv/bin/python bench/render.py

lint: setup
	.venv/bin/ruff check handtf scenes tests bench
	.venv/bin/mypy

clean:
	rm -rf media/videos media/images media/texts media/.handtf-* .pytest_cache .hypothesis
