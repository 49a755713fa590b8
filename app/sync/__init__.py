"""The device's side of sync with the agency's hub: outbox, pairing, push and pull."""
