package dev.relay.cli; /** placeholder */ final class Placeholder {}
