package telnyxtest

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/route"
)

type handlerFunc func(s *Server, c *call) *response

// behaviour is what the fake adds to one operation of the spec: how it
// answers, keyed by the operationId. The method and path template come
// from the table internal/route generates from the spec.
type behaviour struct {
	op     Operation
	family errFamily
	// invalid is the status for invalid parameters and fields: 422 where
	// the spec declares it, else 400. Set from the spec.
	invalid int
	// strict marks operations whose spec gives 422 as its only answer to
	// bad input (no 400, no default): malformed requests and path values
	// of the wrong format then get 422 instead of 400 and 404. Set from the
	// spec.
	strict bool
	// alsoNumeric names a path parameter the spec declares a UUID that
	// the fake also takes as a numeric id.
	alsoNumeric string
	// prepare, if set, runs before handle without the server lock held, for
	// slow work such as fetching a media_url.
	prepare handlerFunc
	handle  handlerFunc
}

// endpoint is an operation as the fake routes it: its behaviour, with the
// method and the path segments (relative to /v2) of the spec.
type endpoint struct {
	behaviour
	method string
	segs   []route.Segment
}

// behaviours lists, for each of the 48 operations of the spec, what the
// fake adds to the method, path template and declared answers the
// generated table gives it.
var behaviours = []behaviour{
	// Custom storage credentials.
	{op: OpGetCustomStorageCredentials, handle: credentialsResource.get},
	{op: OpCreateCustomStorageCredentials, handle: credentialsResource.create},
	{op: OpUpdateCustomStorageCredentials, handle: credentialsResource.replace},
	{op: OpDeleteCustomStorageCredentials, handle: credentialsResource.delete},

	// Dialogflow connections.
	{op: OpGetDialogflowConnection, handle: dialogflowResource.get},
	{op: OpCreateDialogflowConnection, handle: dialogflowResource.create},
	{op: OpUpdateDialogflowConnection, handle: dialogflowResource.replace},
	{op: OpDeleteDialogflowConnection, handle: dialogflowResource.delete},

	// External connections.
	{op: OpListExternalConnections, handle: (*Server).listExternalConnections},
	{op: OpCreateExternalConnection, handle: (*Server).createExternalConnection},
	{op: OpGetExternalConnection, handle: (*Server).getExternalConnection},
	{op: OpUpdateExternalConnection, handle: (*Server).updateExternalConnection},
	{op: OpDeleteExternalConnection, handle: (*Server).deleteExternalConnection},

	// Log messages.
	{op: OpListExternalConnectionLogMessages, handle: (*Server).listLogMessages},
	{op: OpGetExternalConnectionLogMessage, handle: logMessageResource.get},
	{op: OpDeleteExternalConnectionLogMessage, handle: (*Server).deleteLogMessage},

	// Civic addresses and locations.
	{op: OpListCivicAddresses, handle: (*Server).listCivicAddresses},
	{op: OpGetExternalConnectionCivicAddress, handle: (*Server).getCivicAddress},
	// The spec declares updateLocation's connection id a UUID while every
	// other path takes the same connection's id as a number: both are
	// accepted.
	{op: OpUpdateLocation, alsoNumeric: "id", handle: (*Server).updateLocation},

	// Phone numbers.
	{op: OpListExternalConnectionPhoneNumbers, handle: (*Server).listPhoneNumbers},
	{op: OpGetExternalConnectionPhoneNumber, handle: (*Server).getPhoneNumber},
	{op: OpUpdateExternalConnectionPhoneNumber, handle: (*Server).updatePhoneNumber},

	// Releases.
	{op: OpListExternalConnectionReleases, handle: (*Server).listReleases},
	{op: OpGetExternalConnectionRelease, handle: (*Server).getRelease},

	// Uploads.
	{op: OpListExternalConnectionUploads, handle: (*Server).listUploads},
	{op: OpCreateExternalConnectionUpload, handle: (*Server).createUpload},
	{op: OpRefreshExternalConnectionUploads, handle: (*Server).refreshUploads},
	{op: OpGetExternalConnectionUploadsStatus, handle: (*Server).uploadsStatus},
	{op: OpGetExternalConnectionUpload, handle: (*Server).getUpload},
	{op: OpRetryUpload, handle: (*Server).retryUpload},

	// Media storage.
	{op: OpListMediaStorage, handle: (*Server).listMedia},
	{op: OpCreateMediaStorage, prepare: (*Server).prepareMedia, handle: (*Server).createMedia},
	{op: OpGetMediaStorage, handle: (*Server).getMedia},
	{op: OpUpdateMediaStorage, prepare: (*Server).prepareMedia, handle: (*Server).updateMedia},
	{op: OpDeleteMediaStorage, handle: (*Server).deleteMedia},
	{op: OpDownloadMedia, handle: (*Server).downloadMedia},

	// Operator Connect.
	{op: OpOperatorConnectRefresh, handle: (*Server).operatorConnectRefresh},

	// Recording transcriptions.
	{op: OpGetRecordingTranscriptions, handle: (*Server).listTranscriptions},
	{op: OpGetRecordingTranscription, handle: transcriptionResource.get},
	{op: OpDeleteRecordingTranscription, handle: (*Server).deleteTranscription},

	// Recordings.
	{op: OpGetRecordings, handle: (*Server).listRecordings},
	{op: OpDeleteRecordings, handle: (*Server).deleteRecordings},
	{op: OpGetRecording, handle: recordingResource.get},
	{op: OpDeleteRecording, handle: (*Server).deleteRecording},

	// SIPREC connectors.
	{op: OpCreateSiprecConnector, family: familySiprec, handle: (*Server).createSiprec},
	{op: OpGetSiprecConnector, family: familySiprec, handle: siprecResource.get},
	{op: OpUpdateSiprecConnector, family: familySiprec, handle: (*Server).updateSiprec},
	{op: OpDeleteSiprecConnector, family: familySiprec, handle: siprecResource.delete},
}

// routes are the endpoints the fake serves, in the order of behaviours.
var routes = endpoints(behaviours)

// endpoints joins each behaviour to its operation in the generated table.
// A behaviour for an operation the table lacks is a programming error.
func endpoints(bs []behaviour) []*endpoint {
	out := make([]*endpoint, len(bs))
	for i, b := range bs {
		op, ok := route.Lookup(string(b.op))
		if !ok {
			panic(fmt.Sprintf("telnyxtest: %s is not an operation of the spec", b.op))
		}
		b.invalid, b.strict = http.StatusBadRequest, false
		if op.Declares("422") {
			b.invalid = http.StatusUnprocessableEntity
			b.strict = !op.Declares("400") && !op.Declares("default")
		}
		out[i] = &endpoint{behaviour: b, method: op.Method, segs: op.Segments()}
	}
	return out
}

// malformed is the status for a body or query that cannot be parsed at all.
func (e *endpoint) malformed() int {
	if e.strict {
		return e.invalid
	}
	return http.StatusBadRequest
}

// matchRoute finds the endpoint for method and an escaped path. Path
// segments are unescaped one by one, so an escaped "/" stays inside a
// parameter. When several templates match, literal segments win over
// parameters. When no endpoint has the method, allowed lists the methods of
// the endpoints the path matched (empty when none did).
func matchRoute(method, escapedPath string) (*endpoint, map[string]string, []string) {
	rest, ok := strings.CutPrefix(escapedPath, "/v2/")
	if !ok {
		return nil, nil, nil
	}
	raw := strings.Split(rest, "/")
	segs := make([]string, len(raw))
	for i, r := range raw {
		u, err := url.PathUnescape(r)
		if err != nil {
			return nil, nil, nil
		}
		segs[i] = u
	}
	var best *endpoint
	var allowed []string
	bestScore := -1
	for _, e := range routes {
		if len(e.segs) != len(segs) {
			continue
		}
		score, ok := templateMatch(e.segs, raw, segs)
		if !ok {
			continue
		}
		if e.method != method {
			if !slices.Contains(allowed, e.method) {
				allowed = append(allowed, e.method)
			}
			continue
		}
		if score > bestScore {
			best, bestScore = e, score
		}
	}
	if best == nil {
		slices.Sort(allowed)
		return nil, nil, allowed
	}
	params := map[string]string{}
	for i, t := range best.segs {
		if t.Param != "" {
			params[t.Param] = segs[i]
		}
	}
	return best, params, nil
}

// checkPathFormats answers a path value that does not have the format the
// spec declares for its parameter (an int64 or a UUID): with the
// operation's validation status where the spec declares one for bad input
// (422), else 404, since such a value names nothing.
func (c *call) checkPathFormats(e *endpoint) *response {
	for _, t := range e.segs {
		v := c.params[t.Param]
		if t.Param == "" || t.Format.Accepts(v) {
			continue
		}
		want := t.Format.Noun()
		if t.Param == e.alsoNumeric {
			if route.Int64.Accepts(v) {
				continue
			}
			want += " or " + route.Int64.Noun()
		}
		detail := "The '" + t.Param + "' path parameter must be " + want + ", not " + quote(v) + "."
		if e.strict {
			return errorResponse(c.family, c.invalid, detail, &errSource{Parameter: t.Param})
		}
		return errorResponse(c.family, http.StatusNotFound, detail, nil)
	}
	return nil
}

func templateMatch(tmpl []route.Segment, raw, segs []string) (int, bool) {
	score := 0
	for i, t := range tmpl {
		if t.Param != "" {
			if segs[i] == "" {
				return 0, false
			}
			continue
		}
		if raw[i] != t.Literal {
			return 0, false
		}
		score += 1 << (len(tmpl) - i)
	}
	return score, true
}
