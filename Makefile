# The two commands README starts with: `make demo` and `make test`.
# Each sets the machine up first (system libraries, .venv, pip install -e .[dev]).
.PHONY: demo test setup samples bench lint clean

demo: setup
	.venv/bin/handtf render transformer
	@echo "open media/transformer.mp4"

test:
	@bash .ci/setup --tests
	.venv/bin/python -m pytest

setup:
	@bash .ci/setup

# The small samples README shows (committed). The slides sample is a screenshot of the
# deck in headless Chromium, on its third slide; the player's, of the web page at step 3, op 7.
SAMPLES_TMP := $(shell mktemp -d -u /tmp/handtf-samples.XXXXXX)
samples: setup
	.venv/bin/handtf render transformer -f gif -q l --pace fast -o media/transformer.gif
	.venv/bin/handtf render transformer -f png -q l -o media/transformer-final.png
	.venv/bin/handtf figures transformer --width 960 -o $(SAMPLES_TMP)/figures
	cp $(SAMPLES_TMP)/figures/02-attention-weighting.png media/transformer-figure.png
	.venv/bin/handtf worksheet transformer -o media/transformer-worksheet.pdf
	.venv/bin/handtf slides transformer --detail row -o $(SAMPLES_TMP)/deck.html
	chromium --headless=new --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
	  --hide-scrollbars --autoplay-policy=no-user-gesture-required --window-size=854,480 \
	  --virtual-time-budget=4000 --screenshot=$(CURDIR)/media/transformer-slides.png \
	  "file://$(SAMPLES_TMP)/deck.html#/2"
	.venv/bin/handtf html transformer -o media/transformer.html
	chromium --headless=new --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
	  --hide-scrollbars --window-size=854,480 --virtual-time-budget=2000 \
	  --screenshot=$(CURDIR)/media/transformer-player.png "file://$(CURDIR)/media/transformer.html#step=3&op=7"
	for name in self-attention transformer-qk masked-attention multi-head-attention transformer-block \
	    transformer-full-stack softmax leaky-relu temperature dot-product matrix-multiplication linear-layer \
	    mlp backprop rnn lstm resnet autoencoder; do \
	  .venv/bin/handtf figures $$name --width 854 -o $(SAMPLES_TMP)/$$name || exit 1; \
	done
	cp $(SAMPLES_TMP)/masked-attention/06-mask.png media/masked-attention-mask.png
	cp $(SAMPLES_TMP)/multi-head-attention/31-stack.png media/multi-head-attention-stack.png
	cp $(SAMPLES_TMP)/transformer-block/43-residual-2.png media/transformer-block-residual.png
	cp $(SAMPLES_TMP)/transformer-full-stack/01-embedding-x.png media/transformer-full-stack-embedding.png
	cp $(SAMPLES_TMP)/transformer-full-stack/76-next-token.png media/transformer-full-stack-next-token.png
	cp $(SAMPLES_TMP)/mlp/03-layer-2.png media/mlp-layer.png
	cp $(SAMPLES_TMP)/rnn/05-input-2.png media/rnn-time-step.png
	cp $(SAMPLES_TMP)/self-attention/08-divide.png media/self-attention-softmax.png
	cp $(SAMPLES_TMP)/transformer-qk/09-attention-weighting.png media/transformer-qk-weighting.png
	cp $(SAMPLES_TMP)/softmax/06-softmax-3-divide.png media/softmax-base-3.png
	cp $(SAMPLES_TMP)/leaky-relu/04-leaky.png media/leaky-relu.png
	cp $(SAMPLES_TMP)/temperature/11-ranges-2.png media/temperature.png
	cp $(SAMPLES_TMP)/dot-product/03-exercise-3.png media/dot-product.png
	cp $(SAMPLES_TMP)/matrix-multiplication/05-exercise-5.png media/matrix-multiplication.png
	cp $(SAMPLES_TMP)/linear-layer/05-exercise-5.png media/linear-layer.png
	cp $(SAMPLES_TMP)/backprop/15-weights-2.png media/backprop-gradient.png
	cp $(SAMPLES_TMP)/lstm/22-update-2.png media/lstm-memory.png
	cp $(SAMPLES_TMP)/resnet/05-layer-2.png media/resnet-skip.png
	cp $(SAMPLES_TMP)/autoencoder/09-errors.png media/autoencoder-errors.png
	rm -rf $(SAMPLES_TMP)

bench: setup
	.venv/bin/python bench/render.py
	.venv/bin/python bench/player.py

lint: setup
	.venv/bin/ruff check handtf scenes tests bench
	.venv/bin/mypy

clean:
	rm -rf media/videos media/images media/texts media/.handtf-* .pytest_cache .hypothesis
