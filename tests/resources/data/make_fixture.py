#!/usr/bin/python3
"""Writes small HDF5 files with every quirk of the real multimodal_imdb.hdf5.

The real file was written by gmu-mmimdb's make_dataset.py with h5py and Fuel. This script
reproduces its layout on 40 rows so that pmm's reader is tested against what h5py writes:
  - features (N,300) float32, vgg_features (N,4096) float32 (sparse, non-negative),
    genres (N,23) int32 with attrs['target_names'] as ONE JSON-encoded string,
    imdb_ids (N,) fixed-length 7-byte strings with leading zeros,
    images (N,3,H,W) int32 (tiny H,W but the same rank), sequences (N,) variable-length int32,
    three_grams and word_grams (N,k) float32;
  - HDF5 dimension labels on every dataset ('batch', 'features', 'classes', ...);
  - Fuel's 'split' attribute on the root group: a compound array (split, source, start, stop,
    indices as an object reference, available, comment). Its ranges here are train [0,25),
    dev [25,30), test [30,40), deliberately not the proportional ones, so that a test can tell
    whether a reader used the attribute.

Run with Debian's h5py (apt-get install python3-h5py python3-numpy):
    /usr/bin/python3 tests/resources/data/make_fixture.py tests/resources/data
It writes mmimdb_fixture.h5 (contiguous storage, like the real file) and
mmimdb_fixture_gzip.h5 (the same data, chunked and gzip-compressed with shuffle).
"""
import json
import os
import sys

import h5py
import numpy as np

ROWS = 40
GENRES = ["Drama", "Comedy", "Romance", "Thriller", "Crime", "Action", "Adventure", "Horror",
          "Documentary", "Mystery", "Sci-Fi", "Fantasy", "Family", "Biography", "War", "History",
          "Music", "Animation", "Musical", "Western", "Sport", "Short", "Film-Noir"]
SPLITS = {"train": (0, 25), "dev": (25, 30), "test": (30, 40)}


def make_data():
    rng = np.random.RandomState(20240501)
    genres = (rng.rand(ROWS, 23) < 0.1).astype(np.int32)
    genres[np.arange(ROWS), rng.randint(0, 23, ROWS)] = 1  # every movie has a genre
    genres[7, :] = 0  # except one, which a reader must count and warn about
    vgg = np.maximum(rng.randn(ROWS, 4096).astype(np.float32) - 0.8, 0).astype(np.float32)
    return {
        "features": (rng.randn(ROWS, 300) * 0.1).astype(np.float32),
        "vgg_features": vgg,
        "genres": genres,
        "imdb_ids": np.array(["%07d" % (i * 37 + 5) for i in range(ROWS)], dtype="S7"),
        "images": rng.randint(0, 256, size=(ROWS, 3, 4, 2)).astype(np.int32),
        "three_grams": rng.rand(ROWS, 10).astype(np.float32),
        "word_grams": rng.rand(ROWS, 12).astype(np.float32),
    }


LABELS = {
    "features": ("batch", "features"),
    "vgg_features": ("batch", "features"),
    "genres": ("batch", "classes"),
    "imdb_ids": ("batch",),
    "images": ("batch", "channel", "height", "width"),
    "three_grams": ("batch", "features"),
    "word_grams": ("batch", "features"),
    "sequences": ("batch",),
}


def write(path, compressed):
    data = make_data()
    options = dict(chunks=True, compression="gzip", compression_opts=6, shuffle=True) \
        if compressed else {}
    with h5py.File(path, "w") as f:
        for name, array in data.items():
            f.create_dataset(name, data=array, **options)
        rng = np.random.RandomState(7)
        sequences = f.create_dataset("sequences", (ROWS,), dtype=h5py.vlen_dtype(np.int32),
                                     **options)
        for i in range(ROWS):
            sequences[i] = rng.randint(0, 1000, size=rng.randint(1, 9)).astype(np.int32)
        for name, labels in LABELS.items():
            for axis, label in enumerate(labels):
                f[name].dims[axis].label = label
        f["genres"].attrs["target_names"] = json.dumps(GENRES)
        f.attrs["split"] = fuel_split_array(f)


def fuel_split_array(f):
    """Fuel's H5PYDataset.create_split_array layout: one row per (split, source)."""
    sources = list(LABELS)
    dtype = np.dtype([("split", "a", 5), ("source", "a", 12), ("start", np.int64),
                      ("stop", np.int64), ("indices", h5py.special_dtype(ref=h5py.Reference)),
                      ("available", np.bool_), ("comment", "a", 1)])
    rows = []
    for split, (start, stop) in SPLITS.items():
        for source in sources:
            rows.append((split.encode(), source.encode(), start, stop, f[source].ref, True, b"."))
    return np.array(rows, dtype=dtype)


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    write(os.path.join(out, "mmimdb_fixture.h5"), compressed=False)
    write(os.path.join(out, "mmimdb_fixture_gzip.h5"), compressed=True)
