package contract

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"sync"
	"testing"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/dialogflow"
	ec "github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/media"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	"github.com/telnyx-sip-integrations/telnyx-go/recordings"
	"github.com/telnyx-sip-integrations/telnyx-go/siprec"
	sc "github.com/telnyx-sip-integrations/telnyx-go/storagecredentials"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

// The fake (telnyxtest) must answer like the API: this test drives the SDK
// through every operation against it, in the order a user would, and
// validates each request it sent and each answer it got, errors included,
// against the spec.

// fakeStep is one SDK call of the scenario.
type fakeStep struct {
	name string
	op   string
	call func(ctx context.Context, c *telnyx.Client) (any, error)
	// tc is the case of the contract table the step reuses, if any: its
	// request check and its decoding check then apply too.
	tc *contractCase
	// wantStatus is the error status the fake must answer; 0 wants success.
	wantStatus int
	// badRequest marks a request spoiled on purpose (wrong key, missing
	// field): it must fail the spec, and only the answer is judged.
	badRequest bool
}

// reuse takes a step from the contract case table, whose ids the fake is
// seeded with.
func reuse(t *testing.T, name string) fakeStep {
	t.Helper()
	i := slices.IndexFunc(cases, func(tc contractCase) bool { return tc.name() == name })
	if i < 0 {
		t.Fatalf("the contract table has no case %q", name)
	}
	tc := cases[i]
	if tc.status != 0 || tc.response != "" {
		t.Fatalf("case %q forces the answer; the fake cannot reuse it", name)
	}
	// A refusal case's call provokes the refusal from the fake.
	return fakeStep{name: name, op: tc.op, call: tc.call, tc: &tc, wantStatus: tc.refusal}
}

// alsoDropped allow-lists served paths, relative to the case's "at", that
// the fake adds beyond the spec and the SDK therefore does not model.
func (s fakeStep) alsoDropped(paths ...string) fakeStep {
	tc := *s.tc
	tc.dropped = append(slices.Clone(tc.dropped), paths...)
	s.tc = &tc
	return s
}

// step is a call of the scenario's own.
func step(name, op string, call func(ctx context.Context, c *telnyx.Client) (any, error)) fakeStep {
	return fakeStep{name: name, op: op, call: call}
}

// failing expects the fake to answer s with status.
func failing(status int, s fakeStep) fakeStep {
	s.wantStatus = status
	s.name = fmt.Sprintf("%s/%d", s.name, status)
	return s
}

// spoiled is failing for a request made invalid on purpose.
func spoiled(status int, s fakeStep) fakeStep {
	s = failing(status, s)
	s.badRequest = true
	return s
}

// seedFake stores what users cannot create, under the ids the contract
// table uses, so that its cases run unchanged against the fake.
func seedFake(srv *telnyxtest.Server) {
	outbound := ec.Outbound{OutboundVoiceProfileID: "1911630617284445511"}
	srv.SeedExternalConnection(ec.Connection{
		ID: connID, ConnectionName: "Zoom main", ExternalSIPConnection: ec.ExternalSIPConnectionZoom, Active: true, Outbound: outbound,
	})
	// updateLocation's spec declares the connection id a UUID; the fake
	// takes one there.
	srv.SeedExternalConnection(ec.Connection{
		ID: teamsID, ConnectionName: "Teams", ExternalSIPConnection: ec.ExternalSIPConnectionOperatorConnect,
		Active: true, CredentialActive: true, Outbound: outbound,
	})
	// Inactive and without numbers: the one connection the API deletes.
	srv.SeedExternalConnection(ec.Connection{
		ID: deletableID, ConnectionName: "Zoom spare", ExternalSIPConnection: ec.ExternalSIPConnectionZoom, Outbound: outbound,
	})
	// Inactive and without numbers, but Operator Connect: never deleted.
	srv.SeedExternalConnection(ec.Connection{
		ID: ocID, ConnectionName: "Teams old", ExternalSIPConnection: ec.ExternalSIPConnectionOperatorConnect, Outbound: outbound,
	})
	for _, id := range []string{connID, teamsID} {
		srv.SeedCivicAddress(id, ec.CivicAddress{
			ID: addressID, Country: "US", CityOrTown: "Austin", StateOrProvince: "TX", PostalOrZipCode: "78701",
			StreetName: "Congress", StreetSuffix: "Ave", HouseNumber: "600", CompanyName: "Acme",
			Locations: []ec.Location{{ID: locationID, AdditionalInfo: "Floor 3"}},
		})
	}
	srv.SeedPhoneNumber(connID, ec.PhoneNumber{NumberID: "1234567889", TelephoneNumber: "+19705555098", LocationID: locationID})
	srv.SeedPhoneNumber(teamsID, ec.PhoneNumber{TelephoneNumber: "+19705555099", LocationID: locationID})
	srv.SeedRelease(connID, ec.Release{
		TicketID: releaseID, Status: ec.ReleaseStatusPending,
		TelephoneNumbers: []ec.ReleasedNumber{{PhoneNumber: "+12345550100", NumberID: "1930241863466399001"}},
	})
	srv.SeedUpload(connID, ec.Upload{
		TicketID: ticketID, Status: ec.UploadStatusError, ErrorCode: "internal_error", ErrorMessage: "retry it", LocationID: locationID,
		Entries: []ec.UploadEntry{{NumberID: "1930241863466399100", PhoneNumber: "+19705559100", Status: ec.UploadStatusError}},
	})
	srv.SeedUpload(connID, ec.Upload{
		TicketID: pendingTicketID, Status: ec.UploadStatusInProgress, LocationID: locationID,
		Entries: []ec.UploadEntry{{NumberID: "1930241863466399101", PhoneNumber: "+19705559101"}},
	})
	srv.SeedLogMessage(ec.LogMessage{
		Detail: "The phone number could not be assigned.",
		Source: ec.LogMessageSource{Pointer: "/telephone_number"},
		Meta:   ec.LogMessageMeta{ExternalConnectionID: connID, TelephoneNumber: "+19705559100", TicketID: ticketID},
	}, telnyxtest.WithLogMessageID("1293384261075731499"))
	srv.SeedRecording(recordings.Recording{ID: recordingID, From: "+15551230000", To: "+15551239999",
		ConnectionID: "175237942907135762", CallControlID: "v3:e-31OnvjEM7Y4wvxr3TKNk8M3QyLcGZPiUIzCGtwQtOtEjY-B0urkw",
		InitiatedBy: recordings.InitiatedByStartCallRecordingAPI}, telnyxtest.WithConferenceRegion("us"))
	srv.SeedRecording(recordings.Recording{ID: "428c31b6-7af4-4bcb-b7f5-5013ef9657c2", ConferenceID: "428c31b6-7af4-4bcb-b7f5-5013ef9657c9"})
	srv.SeedTranscription(recordings.Transcription{ID: transcriptionID, RecordingID: recordingID, TranscriptionText: "Hello."})
	srv.SeedTranscription(recordings.Transcription{RecordingID: "428c31b6-7af4-4bcb-b7f5-5013ef9657c2", TranscriptionText: "Bye."})
}

// fakeScenario is every operation in a realistic order, then the fake's
// error answers. Lists run without filters so their items are validated;
// the filters' wire form is TestContract's business.
func fakeScenario(t *testing.T) []fakeStep {
	wrongKey := option.WithAPIKey("wrong-key")
	steps := []fakeStep{
		// External connections and what hangs below them.
		reuse(t, "CreateExternalConnection"),
		step("ListExternalConnections", "ListExternalConnections", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return dataPage(ec.New(c).List(ctx, ec.ListParams{}))
		}),
		reuse(t, "GetExternalConnection"),
		reuse(t, "UpdateExternalConnection"),
		reuse(t, "ListCivicAddresses"),
		reuse(t, "GetExternalConnectionCivicAddress"),
		reuse(t, "updateLocation"),
		reuse(t, "updateLocation/address-accepted"), // the update above accepted the address
		step("ListExternalConnectionPhoneNumbers", "ListExternalConnectionPhoneNumbers", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return dataPage(ec.New(c).PhoneNumbers.List(ctx, connID, ec.PhoneNumberListParams{}))
		}),
		reuse(t, "GetExternalConnectionPhoneNumber"),
		reuse(t, "UpdateExternalConnectionPhoneNumber"),
		step("ListExternalConnectionReleases", "ListExternalConnectionReleases", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return dataPage(ec.New(c).Releases.List(ctx, connID, ec.ReleaseListParams{}))
		}),
		reuse(t, "GetExternalConnectionRelease"),
		reuse(t, "CreateExternalConnectionUpload"),
		step("ListExternalConnectionUploads", "ListExternalConnectionUploads", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return dataPage(ec.New(c).Uploads.List(ctx, connID, ec.UploadListParams{}))
		}),
		reuse(t, "GetExternalConnectionUploadsStatus"),
		reuse(t, "GetExternalConnectionUpload"),
		reuse(t, "RetryUpload"),
		reuse(t, "RetryUpload/succeeded"),
		reuse(t, "RetryUpload/in-progress"),
		reuse(t, "CreateExternalConnectionUpload/too-many"),
		reuse(t, "RefreshExternalConnectionUploads"),
		reuse(t, "RefreshExternalConnectionUploads/too-soon"),
		step("ListExternalConnectionLogMessages", "ListExternalConnectionLogMessages", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return logPage(ec.New(c).LogMessages.List(ctx, ec.LogMessageListParams{}))
		}),
		// The fake's log messages carry the id of their paths; the spec's
		// LogMessage has none.
		reuse(t, "GetExternalConnectionLogMessage").alsoDropped("/id"),
		reuse(t, "DeleteExternalConnectionLogMessage"),
		failing(http.StatusNotFound, reuse(t, "GetExternalConnectionLogMessage")),
		reuse(t, "OperatorConnectRefresh"),
		reuse(t, "DeleteExternalConnection/in-use"),
		reuse(t, "DeleteExternalConnection/operator-connect"),
		reuse(t, "DeleteExternalConnection"),
		failing(http.StatusNotFound, step("GetExternalConnection deleted", "GetExternalConnection", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return ec.New(c).Get(ctx, deletableID)
		})),
		reuse(t, "ListExternalConnections/short-name"),
		reuse(t, "ListExternalConnections/created-at-not-a-date"),
		reuse(t, "ListExternalConnectionLogMessages/short-number"),
		spoiled(http.StatusUnauthorized, step("ListExternalConnections", "ListExternalConnections", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return ec.New(c).List(ctx, ec.ListParams{}, wrongKey)
		})),
		spoiled(http.StatusUnprocessableEntity, step("CreateExternalConnection without outbound", "CreateExternalConnection", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return ec.New(c).Create(ctx, ec.CreateParams{
				ExternalSIPConnection: ec.ExternalSIPConnectionZoom,
				Outbound:              ec.OutboundParams{OutboundVoiceProfileID: "1911630617284445511"},
			}, withoutField("outbound"))
		})),
		// The SDK creates Zoom connections only, as the spec allows; the
		// API refuses any other kind.
		spoiled(http.StatusUnprocessableEntity, step("CreateExternalConnection operator_connect", "CreateExternalConnection", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return ec.New(c).Create(ctx, ec.CreateParams{
				ExternalSIPConnection: ec.ExternalSIPConnectionZoom,
				Outbound:              ec.OutboundParams{OutboundVoiceProfileID: "1911630617284445511"},
			}, withField("external_sip_connection", ec.ExternalSIPConnectionOperatorConnect))
		})),

		// Media storage.
		reuse(t, "CreateMediaStorage/json"),
		reuse(t, "CreateMediaStorage/ttl-too-long"),
		step("GetMediaStorage", "GetMediaStorage", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return media.New(c).Get(ctx, "greeting")
		}),
		step("ListMediaStorage", "ListMediaStorage", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return dataPage(media.New(c).List(ctx, media.ListParams{}))
		}),
		reuse(t, "UpdateMediaStorage/json"),
		reuse(t, "UpdateMediaStorage/multipart"),
		reuse(t, "DownloadMedia"),
		reuse(t, "DeleteMediaStorage"),
		failing(http.StatusNotFound, step("GetMediaStorage", "GetMediaStorage", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return media.New(c).Get(ctx, "greeting")
		})),
		failing(http.StatusNotFound, reuse(t, "DownloadMedia")),
		reuse(t, "CreateMediaStorage/multipart"), // the name is free again
		spoiled(http.StatusUnauthorized, step("ListMediaStorage", "ListMediaStorage", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return media.New(c).List(ctx, media.ListParams{}, wrongKey)
		})),
		spoiled(http.StatusUnprocessableEntity, step("CreateMediaStorage without media_url", "CreateMediaStorage", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return media.New(c).Upload(ctx, media.UploadParams{MediaURL: telnyx.String("https://example.com/a.mp3")}, withoutField("media_url"))
		})),

		// Custom storage credentials.
		reuse(t, "CreateCustomStorageCredentials"),
		reuse(t, "GetCustomStorageCredentials"),
		reuse(t, "UpdateCustomStorageCredentials"),
		reuse(t, "UpdateCustomStorageCredentials/s3-generic"),
		reuse(t, "GetCustomStorageCredentials"),
		reuse(t, "DeleteCustomStorageCredentials"),
		failing(http.StatusNotFound, reuse(t, "GetCustomStorageCredentials")),
		spoiled(http.StatusUnauthorized, step("GetCustomStorageCredentials", "GetCustomStorageCredentials", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return sc.New(c).Get(ctx, "1234567890", wrongKey)
		})),

		// Dialogflow connections.
		reuse(t, "CreateDialogflowConnection/cx-without-profile"),
		reuse(t, "CreateDialogflowConnection"),
		reuse(t, "GetDialogflowConnection"),
		reuse(t, "UpdateDialogflowConnection"),
		reuse(t, "DeleteDialogflowConnection"),
		failing(http.StatusNotFound, reuse(t, "GetDialogflowConnection")),
		spoiled(http.StatusUnprocessableEntity, step("CreateDialogflowConnection without service_account", "CreateDialogflowConnection", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return dialogflow.New(c).Create(ctx, "1234541231", dialogflow.Params{ServiceAccount: telnyx.NewSecret(serviceAccount)}, withoutField("service_account"))
		})),

		// SIPREC connectors (integer error codes).
		reuse(t, "createSiprecConnector"),
		step("getSiprecConnector", "getSiprecConnector", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return siprec.New(c).Get(ctx, "recorder-east")
		}),
		reuse(t, "updateSiprecConnector"),
		reuse(t, "deleteSiprecConnector"),
		failing(http.StatusNotFound, step("getSiprecConnector", "getSiprecConnector", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return siprec.New(c).Get(ctx, "recorder-east")
		})),
		spoiled(http.StatusUnauthorized, step("getSiprecConnector", "getSiprecConnector", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return siprec.New(c).Get(ctx, "recorder-east", wrongKey)
		})),
		spoiled(http.StatusUnprocessableEntity, step("createSiprecConnector without host", "createSiprecConnector", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return siprec.New(c).Create(ctx, siprec.Params{Name: "recorder-west", Host: "srs.example.com", Port: 5060}, withoutField("host"))
		})),

		// Recordings and transcriptions.
		step("GetRecordings", "GetRecordings", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return dataPage(recordings.New(c).List(ctx, recordings.ListParams{}))
		}),
		step("GetRecordings of one call", "GetRecordings", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return dataPage(recordings.New(c).List(ctx, recordings.ListParams{Filter: &recordings.ListFilter{
				CallControlID: "v3:e-31OnvjEM7Y4wvxr3TKNk8M3QyLcGZPiUIzCGtwQtOtEjY-B0urkw", ConferenceRegion: "us",
			}}))
		}),
		reuse(t, "GetRecording"),
		step("getRecordingTranscriptions", "getRecordingTranscriptions", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return dataPage(recordings.New(c).Transcriptions.List(ctx, recordings.TranscriptionListParams{}))
		}),
		step("getRecordingTranscriptions of one recording", "getRecordingTranscriptions", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return dataPage(recordings.New(c).Transcriptions.List(ctx, recordings.TranscriptionListParams{
				Filter: &recordings.TranscriptionFilter{RecordingID: recordingID}, Page: telnyx.PageParams{Size: 1},
			}))
		}),
		reuse(t, "getRecordingTranscription"),
		reuse(t, "deleteRecordingTranscription"),
		failing(http.StatusNotFound, reuse(t, "getRecordingTranscription")),
		reuse(t, "DeleteRecording"),
		failing(http.StatusNotFound, reuse(t, "GetRecording")),
		reuse(t, "DeleteRecordings"),
		spoiled(http.StatusUnauthorized, step("GetRecordings", "GetRecordings", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return recordings.New(c).List(ctx, recordings.ListParams{}, wrongKey)
		})),
	}
	return append(invalidInputSteps(), steps...)
}

// invalidInputSteps sends page[size]=0 to every list operation and leaves
// a required field out of every create the scenario does not already
// cover, before the scenario changes any state. Each answer must carry the status the operation's spec declares
// for invalid input (422, else 400) and validate against the spec.
func invalidInputSteps() []fakeStep {
	badPage := withQuery("page[size]", "0")
	lists := []struct {
		op     string
		status int
		call   func(ctx context.Context, c *telnyx.Client) (any, error)
	}{
		{"ListExternalConnections", http.StatusBadRequest, func(ctx context.Context, c *telnyx.Client) (any, error) {
			return ec.New(c).List(ctx, ec.ListParams{}, badPage)
		}},
		{"ListExternalConnectionLogMessages", http.StatusUnprocessableEntity, func(ctx context.Context, c *telnyx.Client) (any, error) {
			return ec.New(c).LogMessages.List(ctx, ec.LogMessageListParams{}, badPage)
		}},
		// Civic addresses are not paged: the parameter is ignored.
		{"ListCivicAddresses", 0, func(ctx context.Context, c *telnyx.Client) (any, error) {
			return ec.New(c).CivicAddresses.List(ctx, connID, ec.CivicAddressListParams{}, badPage)
		}},
		{"ListExternalConnectionPhoneNumbers", http.StatusUnprocessableEntity, func(ctx context.Context, c *telnyx.Client) (any, error) {
			return ec.New(c).PhoneNumbers.List(ctx, connID, ec.PhoneNumberListParams{}, badPage)
		}},
		{"ListExternalConnectionReleases", http.StatusUnprocessableEntity, func(ctx context.Context, c *telnyx.Client) (any, error) {
			return ec.New(c).Releases.List(ctx, connID, ec.ReleaseListParams{}, badPage)
		}},
		{"ListExternalConnectionUploads", http.StatusUnprocessableEntity, func(ctx context.Context, c *telnyx.Client) (any, error) {
			return ec.New(c).Uploads.List(ctx, connID, ec.UploadListParams{}, badPage)
		}},
		{"ListMediaStorage", http.StatusBadRequest, func(ctx context.Context, c *telnyx.Client) (any, error) {
			return media.New(c).List(ctx, media.ListParams{}, badPage)
		}},
		{"GetRecordings", http.StatusBadRequest, func(ctx context.Context, c *telnyx.Client) (any, error) {
			return recordings.New(c).List(ctx, recordings.ListParams{}, badPage)
		}},
		{"getRecordingTranscriptions", http.StatusBadRequest, func(ctx context.Context, c *telnyx.Client) (any, error) {
			return recordings.New(c).Transcriptions.List(ctx, recordings.TranscriptionListParams{}, badPage)
		}},
	}
	var steps []fakeStep
	for _, l := range lists {
		s := step(l.op+" with page[size]=0", l.op, l.call)
		if l.status != 0 {
			s = failing(l.status, s)
		}
		s.badRequest = true
		steps = append(steps, s)
	}
	return append(steps,
		spoiled(http.StatusUnprocessableEntity, step("CreateExternalConnection without external_sip_connection", "CreateExternalConnection", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return ec.New(c).Create(ctx, ec.CreateParams{
				ExternalSIPConnection: ec.ExternalSIPConnectionZoom,
				Outbound:              ec.OutboundParams{OutboundVoiceProfileID: "1911630617284445511"},
			}, withoutField("external_sip_connection"))
		})),
		spoiled(http.StatusUnprocessableEntity, step("CreateExternalConnectionUpload without number_ids", "CreateExternalConnectionUpload", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return ec.New(c).Uploads.Create(ctx, connID, ec.UploadCreateParams{NumberIDs: []string{"3920457616934164700"}}, withoutField("number_ids"))
		})),
		// The spec declares no 422 for credentials: invalid input gets 400.
		spoiled(http.StatusBadRequest, step("CreateCustomStorageCredentials without backend", "CreateCustomStorageCredentials", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return sc.New(c).Create(ctx, "1234567890", sc.Params{
				Configuration: sc.GCSConfiguration{Bucket: "call-recordings", Credentials: telnyx.NewSecret(`{"type":"service_account"}`)},
			}, withoutField("backend"))
		})),
		spoiled(http.StatusUnprocessableEntity, step("createSiprecConnector without port", "createSiprecConnector", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return siprec.New(c).Create(ctx, siprec.Params{Name: "recorder-west", Host: "srs.example.com", Port: 5060}, withoutField("port"))
		})),
		spoiled(http.StatusBadRequest, step("DeleteRecordings without ids", "DeleteRecordings", func(ctx context.Context, c *telnyx.Client) (any, error) {
			return recordings.New(c).DeleteMany(ctx, []string{recordingID}, withoutField("ids"))
		})),
	)
}

// withQuery sets a query parameter after the SDK validated the call, to get
// the fake's answer to a value the SDK refuses.
func withQuery(key, value string) option.RequestOption {
	return option.WithMiddleware(func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
		r = r.Clone(r.Context())
		q := r.URL.Query()
		q.Set(key, value)
		r.URL.RawQuery = q.Encode()
		return next(r)
	})
}

// withoutField removes a top-level field from a call's JSON body after the
// SDK validated it, to get the fake's answer to a missing field.
func withoutField(name string) option.RequestOption {
	return option.WithMiddleware(func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
		return editBody(r, next, func(doc map[string]json.RawMessage) { delete(doc, name) })
	})
}

// editBody sends r with its JSON object body changed by edit.
func editBody(r *http.Request, next option.MiddlewareNext, edit func(map[string]json.RawMessage)) (*http.Response, error) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, err
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, fmt.Errorf("the body is not a JSON object: %w", err)
	}
	edit(doc)
	if body, err = json.Marshal(doc); err != nil {
		return nil, err
	}
	r = r.Clone(r.Context())
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	r.GetBody = nil
	return next(r)
}

// withField sets a top-level field of a call's JSON body after the SDK
// validated it, to get the fake's answer to a value the SDK refuses.
func withField(name string, value any) option.RequestOption {
	return option.WithMiddleware(func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
		v, err := json.Marshal(value)
		if err != nil {
			return nil, err
		}
		return editBody(r, next, func(doc map[string]json.RawMessage) { doc[name] = v })
	})
}

// recorder is a RoundTripper that validates every request it sends and
// every response it gets against the spec.
type recorder struct {
	t    testing.TB
	sp   *spec
	next http.RoundTripper

	mu        sync.Mutex
	exchanges []exchange
}

func (rec *recorder) RoundTrip(r *http.Request) (*http.Response, error) {
	var body []byte
	if r.Body != nil {
		var err error
		body, err = io.ReadAll(r.Body)
		_ = r.Body.Close()
		if err != nil {
			return nil, err
		}
	}
	ex := exchange{Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.Query(), Header: r.Header.Clone(), Body: body}
	route, validated, reqErr := rec.sp.validateRequest(r.Context(), r, body)
	ex.ReqErr = reqErr
	if route != nil {
		ex.Op = route.Operation.OperationID
	}

	out := r.Clone(r.Context())
	out.Body = io.NopCloser(bytes.NewReader(body))
	out.ContentLength = int64(len(body))
	resp, err := rec.next.RoundTrip(out)
	if err != nil {
		return nil, err
	}
	served, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(served))
	ex.Status, ex.ContentType, ex.Served = resp.StatusCode, resp.Header.Get("Content-Type"), served
	ex.RespHeader = resp.Header.Clone()
	if route == nil {
		ex.RespErr = errors.New("no operation to validate the answer against")
	} else {
		ex.RespErr = validateResponse(rec.t, route, validated, resp.StatusCode, resp.Header, served)
	}

	rec.mu.Lock()
	rec.exchanges = append(rec.exchanges, ex)
	rec.mu.Unlock()
	return resp, nil
}

// since returns the exchanges recorded after the first n.
func (rec *recorder) since(n int) []exchange {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return slices.Clone(rec.exchanges[n:])
}

func (rec *recorder) count() int {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return len(rec.exchanges)
}

// TestFakeConformsToSpec runs the scenario against telnyxtest, then prints
// the summary and fails unless every operation was answered in spec.
func TestFakeConformsToSpec(t *testing.T) { //nolint:paralleltest // its steps run in order on one fake, each on the state the last left, then the summary
	sp := loadSpec(t)
	srv := telnyxtest.NewServer(telnyxtest.WithAPIKey(apiKey))
	t.Cleanup(srv.Close)
	seedFake(srv)
	transport := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(transport.CloseIdleConnections)
	rec := &recorder{t: t, sp: sp, next: transport}
	client := srv.Client(option.WithHTTPClient(&http.Client{Transport: rec}), option.WithMaxRetries(0))

	board := &scoreboard{byOp: map[string][]outcome{}}
	for _, s := range fakeScenario(t) {
		t.Run(s.name, func(t *testing.T) {
			v := runFakeStep(t, rec, client, s)
			board.add(s.op, outcome{name: s.name, problems: v.outOfSpec})
			for _, p := range append(v.outOfSpec, v.other...) {
				t.Error(p)
			}
		})
	}
	t.Run("summary", func(t *testing.T) {
		report, ok := summarizeFake(sp, board)
		_, _ = fmt.Fprint(os.Stdout, report)
		if !ok {
			t.Error("the fake did not answer every operation in spec; see the summary")
		}
	})
}

// stepVerdict is what is wrong with a step: outOfSpec about the exchange
// and the spec (it decides the summary), other about the SDK's handling.
type stepVerdict struct {
	outOfSpec, other []string
}

// runFakeStep makes the step's call and judges it.
func runFakeStep(t *testing.T, rec *recorder, client *telnyx.Client, s fakeStep) stepVerdict {
	var v stepVerdict
	offSpec := func(format string, args ...any) { v.outOfSpec = append(v.outOfSpec, fmt.Sprintf(format, args...)) }
	fail := func(format string, args ...any) { v.other = append(v.other, fmt.Sprintf(format, args...)) }
	before := rec.count()
	result, callErr := s.call(t.Context(), client)
	seen := rec.since(before)
	if len(seen) != 1 {
		offSpec("the call sent %d requests, want 1 (error: %v)", len(seen), callErr)
		if len(seen) == 0 {
			return v
		}
	}
	ex := seen[0]
	if ex.Op != s.op {
		offSpec("%s %s reached operation %q, want %q", ex.Method, ex.Path, ex.Op, s.op)
	}
	switch {
	case s.badRequest && ex.ReqErr == nil:
		offSpec("the request was meant to fail the spec but passed it")
	case !s.badRequest && ex.ReqErr != nil:
		offSpec("request %s %s does not match the spec: %v", ex.Method, ex.Path, ex.ReqErr)
	}
	if ex.RespErr != nil {
		offSpec("the fake answered %d out of spec: %v\n%s", ex.Status, ex.RespErr, ex.Served)
	}
	requestID := ex.RespHeader.Get("X-Request-Id")
	if requestID == "" {
		offSpec("the answer has no X-Request-Id header")
	}

	if s.wantStatus != 0 {
		// The fake answers every error with a Telnyx error document, even
		// where the spec documents no body.
		if len(bytes.TrimSpace(ex.Served)) == 0 {
			fail("the fake answered %d without an error document", ex.Status)
		}
		v.other = append(v.other, checkAPIError(s.wantStatus, ex, callErr)...)
		return v
	}
	if callErr != nil {
		fail("the SDK call failed: %v", callErr)
		return v
	}
	if s.tc != nil {
		if s.tc.check != nil {
			if err := s.tc.check(ex); err != nil {
				fail("request check: %v", err)
			}
		}
		v.other = append(v.other, checkDecoded(t, *s.tc, ex, result)...)
		if s.tc.verify != nil {
			if err := s.tc.verify(result); err != nil {
				fail("result check: %v", err)
			}
		}
	}
	return v
}

// summarizeFake lists each operation with PASS, FAIL or MISSING and counts
// those whose every answer validated.
func summarizeFake(sp *spec, board *scoreboard) (string, bool) {
	return board.summary(sp, "fake", "a step", "answered in spec", func(_ string, outs []outcome) string {
		return fmt.Sprintf("%d %s", len(outs), plural(len(outs), "answer"))
	})
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
