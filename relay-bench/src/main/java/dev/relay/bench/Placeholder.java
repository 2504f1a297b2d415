package dev.relay.bench; /** placeholder */ final class Placeholder {}
