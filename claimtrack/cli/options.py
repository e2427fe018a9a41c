"""The options every parsing command shares (``analyze``, ``graph``, ``export``, ``eval``,
``batch``, ``track``, ``serve``), in one place so that no command drifts from the others."""
from __future__ import annotations

import os

import click

MODEL_DIR_HELP = ("Stanza model directory (default: $CLAIMTRACK_MODEL_DIR, then Stanza's own "
                  "~/stanza_resources).")


def model_options(f):
    """``--model-dir``, ``--cache``, ``--lexicon``, ``--ner/--no-ner``, ``--fast``, ``--device``."""
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
    return f


def parser_env(ctx: click.Context, param: click.Parameter, value) -> None:
    """``--fast`` → ``CLAIMTRACK_ENGINE=int8``, ``--device X`` → ``CLAIMTRACK_DEVICE=X``."""
    if param.name == "fast" and value:
        os.environ["CLAIMTRACK_ENGINE"] = "int8"
    elif param.name == "device" and value:
        os.environ["CLAIMTRACK_DEVICE"] = value
