"""wcconnector-gui: keep back-office customers in sync with a WooCommerce store."""

__version__ = "0.1.0"
APP_NAME = "wcconnector-gui"
