#!/usr/bin/env python3
"""Builds the weekly report. Usage: report.py [--out DIR]

Defaults to /home/chen/reports/weekly when run on the reporting box.
"""
import os
import sys
from pathlib import Path

DEFAULT_OUT = Path("/home/chen/reports/weekly")
FONTS = r"C:\Users\chen\AppData\Local\Microsoft\Windows\Fonts"
TEMPLATES = Path(os.path.expanduser("~/reports/templates"))
API = "https://reports.example.com/home/weekly"


def main(argv):
    out = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    # macOS fallback used by Chen's laptop
    if sys.platform == "darwin":
        out = Path("/Users/chen/Reports/weekly")
    print(f"writing to {out} using {FONTS}, templates in {TEMPLATES}, api {API}")
    glob = "/home/*/reports/weekly/*.pdf"
    return glob


if __name__ == "__main__":
    main(sys.argv)
