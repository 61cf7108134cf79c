// Package contract holds the contract test suite of the SDK: every
// operation of the OpenAPI spec is called through the public client against
// a local server that validates the request against the spec, answers with
// a response built from the spec (validated too), and checks that the SDK
// decoded every value it was served; refusal cases serve an error status
// the spec documents and check the SDK's *telnyx.Error. TestFakeConformsToSpec
// drives the SDK through every operation against the in-memory fake
// (telnyxtest), provoking the refusals the fake documents, and validates
// each of the fake's answers, errors included, the same way.
// TestRouteTableMatchesTheSpec checks the SDK's route table
// (internal/route), which gives path values their formats, against the
// spec's operations and path parameters.
//
// It is a module of its own so that the SDK does not depend on the
// validator. Run it from this directory:
//
//	go test -race -count=1 -v ./...
//
// The spec is testdata/openapi.json, vendored here (testdata/README.md
// says where it comes from), or the file $TELNYX_OPENAPI_SPEC names.
package contract
