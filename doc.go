// Package telnyx is the core of a Go client for the Telnyx
// SIP-integrations API: the Client with its auth, retries and connection
// pool, the error types, paging, and the small types every resource package
// shares. Each resource has a package of its own, built on one shared
// Client:
//
//	client, err := telnyx.NewClient() // key from TELNYX_API_KEY
//	if err != nil {
//		return err
//	}
//	connectors := siprec.New(client)
//	c, err := connectors.Get(ctx, "my-connector")
//
// A program links only the resource packages it imports. Settings come
// from the option package and work on the client and on any single call.
//
// # Errors
//
// API failures are *Error values that match the class sentinels
// ([ErrNotFound], [ErrRateLimited], ...) with [errors.Is]. A call that got no
// answer fails with *ConnectionError, an answer that could not be read with
// *DecodeError, a failing upload reader with *ReaderError, and params refused
// before sending with *ValidationError.
//
// # Paging
//
// Lists answer a *Page; ListAutoPaging methods and Page.All return an
// iter.Seq2 that fetches pages as the loop needs them, in parallel when
// [option.WithPageConcurrency] allows it. [Collect] gathers a bounded number of
// items.
//
// # Shared types
//
// Timestamp is every instant the API sends or takes; Secret holds
// credentials and never prints them; Nullable is a field that can be cleared;
// Ptr, String, Int and Bool fill optional fields.
//
// # The engine
//
// Request with Client.Do, Call, ListPage and ListAll reach endpoints and
// fields the SDK does not model, with the same auth, retries, path checks,
// errors and paging as the typed methods, which are built on them.
package telnyx
