/**
 * JSON-RPC Engine API codecs: JSON requests and upstream replies to SBE events, method routing and payload ids.
 */
package io.boostj.codecs.engine;
