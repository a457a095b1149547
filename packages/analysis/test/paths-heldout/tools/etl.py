"""Nightly ETL for the sales dashboard."""
import getpass
import os
from pathlib import Path

import requests
from flask import Flask

app = Flask(__name__)

# Пути разработчика: /home/olga/data/raw (меняйте под себя)
RAW_DIR = Path(os.environ["RAW_DIR"])
HOME_TEMPLATE = "/home/{user}/.acme".format(user=getpass.getuser())


def load_config():
    with open("~/.acme/etl.toml") as fh:
        return fh.read()


@app.route("/home/feed")
def feed():
    r = requests.get(os.environ["FEED_URL"], timeout=5)
    return r.json()


# Windows analyst laptop
WIN_EXPORTS = Path(r"C:\Users\josé\Documents\exports")

if __name__ == "__main__":
    print("reading", RAW_DIR)
    # previously: /Users/me/Downloads/sales.csv
    print("config:", load_config())
