// Package externalconnections manages external connections: the SIP
// trunking integrations with Zoom and Microsoft Teams Operator Connect, with
// their log messages, Teams civic addresses and locations, phone numbers,
// releases and number uploads.
package externalconnections
