// Package telnyx is a Go client for the Telnyx SIP-integrations API:
// external connections (Zoom, Microsoft Teams Operator Connect), media
// storage, call recordings and transcriptions, SIPREC connectors,
// Dialogflow connections and custom storage credentials.
//
// Create one Client and share it; it is safe for concurrent use:
//
//	client, err := telnyx.NewClient() // key from TELNYX_API_KEY
//	conn, err := client.SIPREC.Get(ctx, "my-connector")
//
// Settings come from the option package and work on the client and on any
// single call. API failures are *Error values that match the class
// sentinels (ErrNotFound, ErrRateLimited, ...) with errors.Is.
package telnyx

import (
	"github.com/telnyx-sip-integrations/telnyx-go/dialogflow"
	"github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/media"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	"github.com/telnyx-sip-integrations/telnyx-go/recordings"
	"github.com/telnyx-sip-integrations/telnyx-go/siprec"
	"github.com/telnyx-sip-integrations/telnyx-go/storagecredentials"
)

// Version is this SDK's version, as sent in the User-Agent header.
const Version = core.Version

// DefaultBaseURL is the public Telnyx API root.
const DefaultBaseURL = core.DefaultBaseURL

// Client gives access to every service of the API. Build it with NewClient.
type Client struct {
	// ExternalConnections manages Zoom and Microsoft Teams connections and,
	// through its fields, their log messages, civic addresses, phone
	// numbers, releases and uploads.
	ExternalConnections *externalconnections.Service
	// OperatorConnect refreshes the Microsoft Teams Operator Connect state.
	OperatorConnect *externalconnections.OperatorConnectService
	// Media stores audio and other files for use in calls.
	Media *media.Service
	// Recordings lists and deletes call recordings; its Transcriptions
	// field reaches their transcriptions.
	Recordings *recordings.Service
	// SIPREC manages SIPREC connectors.
	SIPREC *siprec.Service
	// Dialogflow manages the Dialogflow connection of a Call Control
	// application.
	Dialogflow *dialogflow.Service
	// StorageCredentials manages where a connection's recordings are stored.
	StorageCredentials *storagecredentials.Service
}

// NewClient returns a Client configured by opts on top of the defaults: the
// key from TELNYX_API_KEY, the base URL from TELNYX_BASE_URL or
// DefaultBaseURL, 2 retries and a tuned HTTP client. It fails when the
// configuration cannot work: no key, a base URL that does not parse, or
// plain http to a host that is not loopback.
func NewClient(opts ...option.RequestOption) (*Client, error) {
	c, err := core.NewClient(opts...)
	if err != nil {
		return nil, err
	}
	return &Client{
		ExternalConnections: externalconnections.NewService(c),
		OperatorConnect:     externalconnections.NewOperatorConnectService(c),
		Media:               media.NewService(c),
		Recordings:          recordings.NewService(c),
		SIPREC:              siprec.NewService(c),
		Dialogflow:          dialogflow.NewService(c),
		StorageCredentials:  storagecredentials.NewService(c),
	}, nil
}
