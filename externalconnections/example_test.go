package externalconnections_test

import (
	"context"
	"fmt"
	"log"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func ExampleService_Create() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	client := srv.Client()

	conn, err := client.ExternalConnections.Create(context.Background(), externalconnections.CreateParams{
		ExternalSIPConnection: externalconnections.ExternalSIPConnectionZoom,
		Outbound:              externalconnections.OutboundParams{OutboundVoiceProfileID: "1911630617284445511"},
		WebhookEventURL:       telnyx.String("https://example.com/hooks"),
		WebhookTimeoutSecs:    telnyx.NewNullable(10),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(conn.ExternalSIPConnection, conn.Active, *conn.WebhookTimeoutSecs)
	// Output: zoom true 10
}

func ExampleService_Update() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	conn := srv.SeedExternalConnection(telnyxtest.ExternalConnection{Active: true, WebhookTimeoutSecs: telnyx.Int(10)})
	client := srv.Client()

	// The outbound voice profile is always required; Null clears the timeout
	// and fields left unset keep their value.
	updated, err := client.ExternalConnections.Update(context.Background(), conn.ID, externalconnections.UpdateParams{
		Outbound:           externalconnections.OutboundParams{OutboundVoiceProfileID: "1911630617284445511"},
		Active:             telnyx.Bool(false),
		WebhookTimeoutSecs: telnyx.Null[int](),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(updated.Active, updated.WebhookTimeoutSecs == nil)
	// Output: false true
}

func ExampleLogMessageService_ListAutoPaging() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	conn := srv.SeedExternalConnection(telnyxtest.ExternalConnection{ExternalSIPConnection: "operator_connect"})
	srv.SeedLogMessage(telnyxtest.LogMessage{Title: "Invalid location",
		Meta: telnyxtest.LogMessageMeta{ExternalConnectionID: conn.ID, TelephoneNumber: "+13125550100"}})
	srv.SeedLogMessage(telnyxtest.LogMessage{Meta: telnyxtest.LogMessageMeta{ExternalConnectionID: "1293384261075731499"}})
	client := srv.Client()

	params := externalconnections.LogMessageListParams{Filter: &externalconnections.LogMessageFilter{ExternalConnectionID: conn.ID}}
	for msg, err := range client.ExternalConnections.LogMessages.ListAutoPaging(context.Background(), params) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(msg.Code, msg.Title, msg.Meta.TelephoneNumber)
	}
	// Output: 10015 Invalid location +13125550100
}

func ExampleCivicAddressService_List() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	conn := srv.SeedExternalConnection(telnyxtest.ExternalConnection{ExternalSIPConnection: "operator_connect"})
	srv.SeedCivicAddress(conn.ID, telnyxtest.CivicAddress{CityOrTown: "Austin", Country: "US",
		Locations: []telnyxtest.Location{{IsDefault: true}, {AdditionalInfo: "14th Floor"}}})
	srv.SeedCivicAddress(conn.ID, telnyxtest.CivicAddress{CityOrTown: "Toronto", Country: "CA"})
	srv.SeedCivicAddress(conn.ID, telnyxtest.CivicAddress{CityOrTown: "Dublin", Country: "IE"})
	client := srv.Client()

	addrs, err := client.ExternalConnections.CivicAddresses.List(context.Background(), conn.ID, externalconnections.CivicAddressListParams{
		Filter: &externalconnections.CivicAddressFilter{Country: []string{"US", "CA"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range addrs {
		fmt.Println(a.CityOrTown, a.Country, len(a.Locations))
	}
	// Output:
	// Austin US 2
	// Toronto CA 0
}

func ExamplePhoneNumberService_Update() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	conn := srv.SeedExternalConnection(telnyxtest.ExternalConnection{ExternalSIPConnection: "operator_connect"})
	addr := srv.SeedCivicAddress(conn.ID, telnyxtest.CivicAddress{CityOrTown: "Chicago", Locations: []telnyxtest.Location{{}}})
	num := srv.SeedPhoneNumber(conn.ID, telnyxtest.PhoneNumber{TelephoneNumber: "+13128675309"})
	client := srv.Client()

	// The path takes the number's ID, not the number itself.
	n, err := client.ExternalConnections.PhoneNumbers.Update(context.Background(), conn.ID, num.NumberID,
		externalconnections.PhoneNumberUpdateParams{LocationID: telnyx.String(addr.DefaultLocationID)})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(n.TelephoneNumber, n.LocationID == addr.DefaultLocationID, n.CivicAddressID == addr.ID)
	// Output: +13128675309 true true
}

func ExampleReleaseService_List() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	conn := srv.SeedExternalConnection(telnyxtest.ExternalConnection{ExternalSIPConnection: "operator_connect"})
	srv.SeedRelease(conn.ID, telnyxtest.Release{Status: "complete"})
	srv.SeedRelease(conn.ID, telnyxtest.Release{Status: "failed", ErrorMessage: "Number is in use",
		TelephoneNumbers: []telnyxtest.ReleaseNumber{{PhoneNumber: "+15125559001", NumberID: "1930241863466399001"}}})
	client := srv.Client()

	page, err := client.ExternalConnections.Releases.List(context.Background(), conn.ID, externalconnections.ReleaseListParams{
		Filter: &externalconnections.ReleaseFilter{Status: &externalconnections.ReleaseStatusFilter{
			Eq: []externalconnections.ReleaseStatus{externalconnections.ReleaseStatusFailed},
		}},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range page.Data {
		fmt.Println(r.Status, r.ErrorMessage, r.TelephoneNumbers[0].PhoneNumber)
	}
	// Output: failed Number is in use +15125559001
}

func ExampleUploadService_Create() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	conn := srv.SeedExternalConnection(telnyxtest.ExternalConnection{ExternalSIPConnection: "operator_connect"})
	addr := srv.SeedCivicAddress(conn.ID, telnyxtest.CivicAddress{CityOrTown: "Austin", Locations: []telnyxtest.Location{{}}})
	client := srv.Client()
	ctx := context.Background()
	uploads := client.ExternalConnections.Uploads

	ticket, err := uploads.Create(ctx, conn.ID, externalconnections.UploadCreateParams{
		NumberIDs:  []string{"1269460000000000001", "1269460000000000002"},
		LocationID: telnyx.String(addr.DefaultLocationID),
	})
	if err != nil {
		log.Fatal(err)
	}
	// The upload runs in the background; follow it by its ticket.
	up, err := uploads.Get(ctx, conn.ID, ticket.TicketID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ticket.Success, up.Status, len(up.Entries))
	// Output: true pending_upload 2
}

func ExampleUploadService_PendingCount() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	conn := srv.SeedExternalConnection(telnyxtest.ExternalConnection{ExternalSIPConnection: "operator_connect"})
	srv.SeedUpload(conn.ID, telnyxtest.Upload{TnUploadEntries: make([]telnyxtest.UploadEntry, 3)})
	srv.SeedUpload(conn.ID, telnyxtest.Upload{Status: "success"})
	client := srv.Client()
	ctx := context.Background()
	uploads := client.ExternalConnections.Uploads

	counts, err := uploads.PendingCount(ctx, conn.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("before:", counts.PendingOrdersCount, counts.PendingNumbersCount)

	// RefreshAll asks for the state of every pending upload to be checked again.
	if _, err := uploads.RefreshAll(ctx, conn.ID); err != nil {
		log.Fatal(err)
	}
	if counts, err = uploads.PendingCount(ctx, conn.ID); err != nil {
		log.Fatal(err)
	}
	fmt.Println("after:", counts.PendingOrdersCount, counts.PendingNumbersCount)
	// Output:
	// before: 1 3
	// after: 0 0
}

func ExampleUploadService_Retry() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	conn := srv.SeedExternalConnection(telnyxtest.ExternalConnection{ExternalSIPConnection: "operator_connect"})
	failed := srv.SeedUpload(conn.ID, telnyxtest.Upload{Status: "error", ErrorCode: "internal_error",
		TnUploadEntries: []telnyxtest.UploadEntry{{NumberID: "1269460000000000001"}}})
	client := srv.Client()

	up, err := client.ExternalConnections.Uploads.Retry(context.Background(), conn.ID, failed.TicketID)
	if err != nil {
		log.Fatal(err)
	}
	// The API may answer with a new upload rather than the retried one.
	fmt.Println(up.Status, up.TicketID == failed.TicketID)
	// Output: success true
}

func ExampleOperatorConnectService_Refresh() {
	srv := telnyxtest.NewServer()
	defer srv.Close()
	client := srv.Client()

	res, err := client.OperatorConnect.Refresh(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Success, res.Message)
	// Output: true Operator Connect refresh requested.
}
