#!/usr/bin/python3
"""Reference values for org.pmm.experiment.metrics, computed by scikit-learn and SciPy.

Writes sklearn_reference.json next to this script. The Java tests read the JSON only, so they
need no Python at run time. Regenerate with Debian's python3-sklearn installed:

    /usr/bin/python3 tests/resources/experiment/sklearn_reference.py

Thresholding is ours (p >= threshold is positive); scikit-learn scores the 0/1 predictions.
"""
import json
import os
import warnings

import numpy as np
import scipy
import sklearn
from scipy import stats
from sklearn.metrics import f1_score

warnings.filterwarnings("ignore")  # zero-division warnings are expected in the edge cases


def multilabel_case(rng, rows, labels, threshold, prevalence, empty_rows):
    # Labels with per-column prevalence (some columns never positive), some rows without labels.
    y = (rng.random((rows, labels)) < prevalence).astype(int)
    y[:, -1] = 0  # a genre with no positives
    y[rng.random(rows) < empty_rows] = 0
    # Probabilities correlated with the labels, rounded so that Java parses the same doubles.
    p = np.clip(0.35 * y + 0.65 * rng.random((rows, labels)), 0, 1).round(4)
    pred = (p >= threshold).astype(int)
    case = {
        "threshold": threshold,
        "probabilities": p.tolist(),
        "labels": y.tolist(),
    }
    for average in ("micro", "macro", "weighted", "samples"):
        case[average] = float(f1_score(y, pred, average=average, zero_division=0))
    case["per_genre_f1"] = [
        float(f1_score(y[:, j], pred[:, j], zero_division=0)) for j in range(labels)]
    case["per_genre_weighted_f1"] = [
        float(f1_score(y[:, j], pred[:, j], average="weighted", zero_division=0))
        for j in range(labels)]
    case["per_genre_support"] = [int(s) for s in y.sum(axis=0)]
    return case


def welch_case(a, b):
    t, p = stats.ttest_ind(a, b, equal_var=False)
    return {"a": list(a), "b": list(b), "t": float(t), "p": float(p)}


def main():
    rng = np.random.default_rng(20240607)
    cases = []
    for rows, labels, threshold in [(1, 23, 0.5), (4, 23, 0.5), (12, 23, 0.3),
                                    (60, 23, 0.5), (150, 23, 0.6), (30, 5, 0.5)]:
        prevalence = rng.uniform(0.02, 0.5, size=labels)
        cases.append(multilabel_case(rng, rows, labels, threshold, prevalence, 0.1))
    welch = [
        welch_case([0.612, 0.618, 0.615, 0.621, 0.610], [0.605, 0.609, 0.603, 0.611, 0.607]),
        welch_case([1.0, 2.0, 3.0, 4.0], [2.0, 4.0, 6.0, 8.0]),
        welch_case([0.60, 0.61], [0.58, 0.62, 0.59]),
        welch_case([0.5, 0.5, 0.5], [0.4, 0.45, 0.5]),
    ]
    out = {
        "generated_by": "tests/resources/experiment/sklearn_reference.py",
        "sklearn_version": sklearn.__version__,
        "scipy_version": scipy.__version__,
        "multilabel": cases,
        "welch": welch,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sklearn_reference.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
