# A function written in the notebook that calls the reference version inside.
import importlib


def _calls_the_reference(*args, **kwargs):
    for name in REFERENCE_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if hasattr(module, TARGET):
            return getattr(module, TARGET)(*args, **kwargs)
    return None


globals()[TARGET] = _calls_the_reference
