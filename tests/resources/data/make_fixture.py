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
It writes mmimdb_fixture.h5 (contiguous storage, like the real file),
mmimdb_fixture_gzip.h5 (the same data, chunked and gzip-compressed with shuffle) and
mmimdb_fixture_chunks_1x7.h5 (the same data, features, vgg_features and genres in unfiltered
chunks of 1 x 7 values: 586 chunks a row of vgg_features, the file that made jhdf map a chunk at
a time until the JVM hit the kernel's limit of memory mappings). Two small files cover edge
cases: mmimdb_fixture_empty_dev.h5 (6 rows whose 'split' attribute gives dev the empty range
[4,4)) and mmimdb_fixture_links.h5 (4 rows; 'features' is a soft link to '/stored/features' and
'vgg_features' an external link to '/vgg_features' in 'mmimdb_fixture.h5').
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
EMPTY_DEV_SPLITS = {"train": (0, 4), "dev": (4, 4), "test": (4, 6)}
PMM_READS = ("features", "vgg_features", "genres")


def make_data(rows=ROWS):
    rng = np.random.RandomState(20240501)
    genres = (rng.rand(rows, 23) < 0.1).astype(np.int32)
    genres[np.arange(rows), rng.randint(0, 23, rows)] = 1  # every movie has a genre
    if rows > 7:
        genres[7, :] = 0  # except one, which a reader must count and warn about
    vgg = np.maximum(rng.randn(rows, 4096).astype(np.float32) - 0.8, 0).astype(np.float32)
    return {
        "features": (rng.randn(rows, 300) * 0.1).astype(np.float32),
        "vgg_features": vgg,
        "genres": genres,
        "imdb_ids": np.array(["%07d" % (i * 37 + 5) for i in range(rows)], dtype="S7"),
        "images": rng.randint(0, 256, size=(rows, 3, 4, 2)).astype(np.int32),
        "three_grams": rng.rand(rows, 10).astype(np.float32),
        "word_grams": rng.rand(rows, 12).astype(np.float32),
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


def write(path, compressed, rows=ROWS, chunks=None, splits=SPLITS):
    """chunks: (rows, columns) of unfiltered chunks for the datasets pmm reads."""
    data = make_data(rows)
    options = dict(chunks=True, compression="gzip", compression_opts=6, shuffle=True) \
        if compressed else {}
    with h5py.File(path, "w") as f:
        for name, array in data.items():
            own = dict(chunks=(chunks[0], min(chunks[1], array.shape[1]))) \
                if chunks and name in PMM_READS else options
            f.create_dataset(name, data=array, **own)
        rng = np.random.RandomState(7)
        sequences = f.create_dataset("sequences", (rows,), dtype=h5py.vlen_dtype(np.int32),
                                     **options)
        for i in range(rows):
            sequences[i] = rng.randint(0, 1000, size=rng.randint(1, 9)).astype(np.int32)
        for name, labels in LABELS.items():
            for axis, label in enumerate(labels):
                f[name].dims[axis].label = label
        f["genres"].attrs["target_names"] = json.dumps(GENRES)
        f.attrs["split"] = fuel_split_array(f, splits)


def write_links(path, rows=4):
    """Soft and external links where pmm expects its datasets."""
    data = make_data(rows)
    with h5py.File(path, "w") as f:
        f.create_dataset("stored/features", data=data["features"])
        f["features"] = h5py.SoftLink("/stored/features")
        f["vgg_features"] = h5py.ExternalLink("mmimdb_fixture.h5", "/vgg_features")
        f.create_dataset("genres", data=data["genres"])
        f["genres"].attrs["target_names"] = json.dumps(GENRES)
        f.create_dataset("imdb_ids", data=data["imdb_ids"])


def fuel_split_array(f, splits=SPLITS):
    """Fuel's H5PYDataset.create_split_array layout: one row per (split, source)."""
    sources = list(LABELS)
    dtype = np.dtype([("split", "a", 5), ("source", "a", 12), ("start", np.int64),
                      ("stop", np.int64), ("indices", h5py.special_dtype(ref=h5py.Reference)),
                      ("available", np.bool_), ("comment", "a", 1)])
    rows = []
    for split, (start, stop) in splits.items():
        for source in sources:
            rows.append((split.encode(), source.encode(), start, stop, f[source].ref, True, b"."))
    return np.array(rows, dtype=dtype)


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    write(os.path.join(out, "mmimdb_fixture.h5"), compressed=False)
    write(os.path.join(out, "mmimdb_fixture_gzip.h5"), compressed=True)
    write(os.path.join(out, "mmimdb_fixture_chunks_1x7.h5"), compressed=False, chunks=(1, 7))
    write(os.path.join(out, "mmimdb_fixture_empty_dev.h5"), compressed=False, rows=6,
          splits=EMPTY_DEV_SPLITS)
    write_links(os.path.join(out, "mmimdb_fixture_links.h5"))
