"""The options every parsing command shares (``analyze``, ``graph``, ``export``, ``eval``,
``batch``, ``track``, ``serve``), in one place so that no command drifts from the others."""
from __future__ import annotations

import os

import click

MODEL_DIR_HELP = ("Stanza model directory (default: $CLAIMTRACK_MODEL_DIR, then Stanza's own "
                  "~/stanza_resources).")


def model_options(f):
    """``--model-dir``, ``--cache``, ``--lexicon``, ``--ner/--no-ner``, ``--fast``, ``--device``,
    ``--attribution-model``, ``--min-confidence``."""
    f = click.option("--model-dir", type=click.Path(), default=None,
                     help=MODEL_DIR_HELP)(f)
    f = click.option("--cache", "cache_dir", type=click.Path(), default=None,
                     help="Parse cache directory: a second run over the same texts skips parsing.")(f)
    f = click.option("--lexicon", type=click.Path(dir_okay=False), default=None,
                     help="Extra reporting words (TOML or JSON, same layout as the built-in lexicon).")(f)
    f = click.option("--ner/--no-ner", default=None,
                     help="Use the NER model when the model directory has one (default: yes).")(f)
    # parser settings travel as environment variables, so batch and Dask workers inherit them
    f = click.option("--fast", is_flag=True, expose_value=False, callback=parser_env,
                     help="Parse with int8-quantised parser weights: faster, changes a few "
                          "arcs (cached apart).")(f)
    f = click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default=None,
                     expose_value=False, callback=parser_env,
                     help="Run the models on: auto (CUDA when torch sees a GPU; default), cpu, "
                          "cuda.")(f)
    f = click.option("--attribution-model", type=click.Path(dir_okay=False), default=None,
                     expose_value=False, callback=decision_env,
                     help="Attribution model file from `claimtrack train` (default: "
                          "$CLAIMTRACK_ATTRIBUTION_MODEL, then the model shipped with claimtrack); "
                          "'rules': no model, the rules decide alone.")(f)
    f = click.option("--min-confidence", type=Confidence(), default=None,
                     expose_value=False, callback=decision_env,
                     help="Which attributions to keep. Default 'veto': the rules decide and the "
                          "attribution model drops those of their attributions under its threshold "
                          "(chosen on its training data); 'rules': the rules alone; 'auto': the "
                          "model decides among every candidate at its thresholds; a number (0-1): "
                          "every candidate whose confidence reaches it.")(f)
    return f


class Confidence(click.ParamType):
    """A number from 0 to 1, ``auto``, ``veto`` or ``rules``."""

    name = "0-1|auto|veto|rules"

    def convert(self, value, param, ctx):
        from ..extract.decide import DECISIONS

        if isinstance(value, str) and value.strip().lower() in DECISIONS:
            return value.strip().lower()
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number from 0 to 1, 'auto', 'veto' or 'rules'", param, ctx)
        if not 0.0 <= number <= 1.0:
            self.fail(f"{value} is not from 0 to 1", param, ctx)
        return number


def decision_env(ctx: click.Context, param: click.Parameter, value) -> None:
    """``--attribution-model F`` → ``$CLAIMTRACK_ATTRIBUTION_MODEL``, ``--min-confidence X`` →
    ``$CLAIMTRACK_MIN_CONFIDENCE``: like the parser settings, batch and Dask workers inherit them."""
    from ..extract.decide import DECISIONS, MIN_CONFIDENCE_VAR, MODEL_VAR

    if value is None:
        return
    if param.name == "attribution_model":
        os.environ[MODEL_VAR] = str(value)
    else:
        os.environ[MIN_CONFIDENCE_VAR] = value if value in DECISIONS else repr(float(value))


def parser_env(ctx: click.Context, param: click.Parameter, value) -> None:
    """``--fast`` → ``CLAIMTRACK_ENGINE=int8``, ``--device X`` → ``CLAIMTRACK_DEVICE=X``."""
    if param.name == "fast" and value:
        os.environ["CLAIMTRACK_ENGINE"] = "int8"
    elif param.name == "device" and value:
        os.environ["CLAIMTRACK_DEVICE"] = value
