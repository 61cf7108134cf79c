// Package telnyxredis shares, through Redis, what the SDK otherwise keeps in
// one process, so that a service running on many replicas behaves as one:
//
//   - [ReplayStore], a webhooks.ReplayStore: a delivery Telnyx repeats is
//     handed to the application once across every replica, not once per
//     replica.
//   - [Limiter], an option.Limiter: every client that uses it, in any
//     process, is held to one shared request rate, so that a fleet stays
//     under the account's rate limit instead of meeting it as 429s.
//
// It is its own module, so that the SDK itself does not depend on go-redis.
// Both take any go-redis v9 client (a *redis.Client, a cluster or a ring
// client) and run each decision as one Lua script, atomic in Redis.
//
// When Redis cannot be reached, both fail closed by default: the replay
// store reports an error, so the webhook handler answers 500 and Telnyx
// delivers again later; the limiter's Wait fails, so the call ends with a
// *telnyx.ConnectionError and nothing is sent. [WithFailOpen] chooses the
// other way: deliveries are handed on without the replay check (a replay
// may then be handled twice) and requests go out unpaced (some may meet
// 429, which the SDK retries). [WithErrorHandler] is told of every failure
// in either mode.
package telnyxredis
