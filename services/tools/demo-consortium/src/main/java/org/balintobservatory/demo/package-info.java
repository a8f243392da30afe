/**
 * The demo consortium: a seeded generator of realistic Balint group programmes across institutions and
 * countries, with documented planted effects ({@code docs/demo-data.md}), loaded through the public API
 * or written as NDJSON. The same generator at a larger spec is the load for benchmarks.
 */
package org.balintobservatory.demo;
