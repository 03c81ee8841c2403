"""Screenshots and benchmark hooks. Imports ui/; the product never imports it."""
