package telnyxtest

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

type handlerFunc func(s *Server, c *call) *response

// route maps a method and path template (relative to /v2) to the spec's
// operationId and its handler.
type route struct {
	method string
	path   string
	op     Operation
	family errFamily
	// invalid is the status for invalid parameters and fields: 422 where
	// the spec declares it (the default), else 400.
	invalid int
	// strict marks operations whose spec declares neither 400 nor a default
	// answer; malformed requests then get the invalid status instead of 400.
	strict bool
	// prepare, if set, runs before handle without the server lock held, for
	// slow work such as fetching a media_url.
	prepare handlerFunc
	handle  handlerFunc
	segs    []string
}

// routes lists all 48 operations of the spec.
var routes = []*route{
	// Custom storage credentials.
	{method: "GET", path: "/custom_storage_credentials/{connection_id}", op: OpGetCustomStorageCredentials, invalid: http.StatusBadRequest, handle: credentialsResource.get},
	{method: "POST", path: "/custom_storage_credentials/{connection_id}", op: OpCreateCustomStorageCredentials, invalid: http.StatusBadRequest, handle: credentialsResource.create},
	{method: "PUT", path: "/custom_storage_credentials/{connection_id}", op: OpUpdateCustomStorageCredentials, invalid: http.StatusBadRequest, handle: credentialsResource.replace},
	{method: "DELETE", path: "/custom_storage_credentials/{connection_id}", op: OpDeleteCustomStorageCredentials, invalid: http.StatusBadRequest, handle: credentialsResource.delete},

	// Dialogflow connections.
	{method: "GET", path: "/dialogflow_connections/{connection_id}", op: OpGetDialogflowConnection, invalid: http.StatusBadRequest, handle: dialogflowResource.get},
	{method: "POST", path: "/dialogflow_connections/{connection_id}", op: OpCreateDialogflowConnection, handle: dialogflowResource.create},
	{method: "PUT", path: "/dialogflow_connections/{connection_id}", op: OpUpdateDialogflowConnection, handle: dialogflowResource.replace},
	{method: "DELETE", path: "/dialogflow_connections/{connection_id}", op: OpDeleteDialogflowConnection, invalid: http.StatusBadRequest, handle: dialogflowResource.delete},

	// External connections.
	{method: "GET", path: "/external_connections", op: OpListExternalConnections, invalid: http.StatusBadRequest, handle: (*Server).listExternalConnections},
	{method: "POST", path: "/external_connections", op: OpCreateExternalConnection, strict: true, handle: (*Server).createExternalConnection},
	{method: "GET", path: "/external_connections/{id:int64}", op: OpGetExternalConnection, strict: true, handle: (*Server).getExternalConnection},
	{method: "PATCH", path: "/external_connections/{id:int64}", op: OpUpdateExternalConnection, strict: true, handle: (*Server).updateExternalConnection},
	{method: "DELETE", path: "/external_connections/{id:int64}", op: OpDeleteExternalConnection, strict: true, handle: (*Server).deleteExternalConnection},

	// Log messages.
	{method: "GET", path: "/external_connections/log_messages", op: OpListExternalConnectionLogMessages, strict: true, handle: (*Server).listLogMessages},
	{method: "GET", path: "/external_connections/log_messages/{id:int64}", op: OpGetExternalConnectionLogMessage, invalid: http.StatusBadRequest, handle: logMessageResource.get},
	{method: "DELETE", path: "/external_connections/log_messages/{id:int64}", op: OpDeleteExternalConnectionLogMessage, invalid: http.StatusBadRequest, handle: (*Server).deleteLogMessage},

	// Civic addresses and locations.
	{method: "GET", path: "/external_connections/{id:int64}/civic_addresses", op: OpListCivicAddresses, invalid: http.StatusBadRequest, handle: (*Server).listCivicAddresses},
	{method: "GET", path: "/external_connections/{id:int64}/civic_addresses/{address_id:uuid}", op: OpGetExternalConnectionCivicAddress, invalid: http.StatusBadRequest, handle: (*Server).getCivicAddress},
	{method: "PATCH", path: "/external_connections/{id:anyid}/locations/{location_id:uuid}", op: OpUpdateLocation, strict: true, handle: (*Server).updateLocation},

	// Phone numbers.
	{method: "GET", path: "/external_connections/{id:int64}/phone_numbers", op: OpListExternalConnectionPhoneNumbers, strict: true, handle: (*Server).listPhoneNumbers},
	{method: "GET", path: "/external_connections/{id:int64}/phone_numbers/{phone_number_id}", op: OpGetExternalConnectionPhoneNumber, invalid: http.StatusBadRequest, handle: (*Server).getPhoneNumber},
	{method: "PATCH", path: "/external_connections/{id:int64}/phone_numbers/{phone_number_id}", op: OpUpdateExternalConnectionPhoneNumber, strict: true, handle: (*Server).updatePhoneNumber},

	// Releases.
	{method: "GET", path: "/external_connections/{id:int64}/releases", op: OpListExternalConnectionReleases, strict: true, handle: (*Server).listReleases},
	{method: "GET", path: "/external_connections/{id:int64}/releases/{release_id:uuid}", op: OpGetExternalConnectionRelease, invalid: http.StatusBadRequest, handle: (*Server).getRelease},

	// Uploads.
	{method: "GET", path: "/external_connections/{id:int64}/uploads", op: OpListExternalConnectionUploads, strict: true, handle: (*Server).listUploads},
	{method: "POST", path: "/external_connections/{id:int64}/uploads", op: OpCreateExternalConnectionUpload, strict: true, handle: (*Server).createUpload},
	{method: "POST", path: "/external_connections/{id:int64}/uploads/refresh", op: OpRefreshExternalConnectionUploads, invalid: http.StatusBadRequest, handle: (*Server).refreshUploads},
	{method: "GET", path: "/external_connections/{id:int64}/uploads/status", op: OpGetExternalConnectionUploadsStatus, invalid: http.StatusBadRequest, handle: (*Server).uploadsStatus},
	{method: "GET", path: "/external_connections/{id:int64}/uploads/{ticket_id:uuid}", op: OpGetExternalConnectionUpload, invalid: http.StatusBadRequest, handle: (*Server).getUpload},
	{method: "POST", path: "/external_connections/{id:int64}/uploads/{ticket_id:uuid}/retry", op: OpRetryUpload, strict: true, handle: (*Server).retryUpload},

	// Media storage.
	{method: "GET", path: "/media", op: OpListMediaStorage, invalid: http.StatusBadRequest, handle: (*Server).listMedia},
	{method: "POST", path: "/media", op: OpCreateMediaStorage, prepare: (*Server).prepareMedia, handle: (*Server).createMedia},
	{method: "GET", path: "/media/{media_name}", op: OpGetMediaStorage, invalid: http.StatusBadRequest, handle: (*Server).getMedia},
	{method: "PUT", path: "/media/{media_name}", op: OpUpdateMediaStorage, prepare: (*Server).prepareMedia, handle: (*Server).updateMedia},
	{method: "DELETE", path: "/media/{media_name}", op: OpDeleteMediaStorage, invalid: http.StatusBadRequest, handle: (*Server).deleteMedia},
	{method: "GET", path: "/media/{media_name}/download", op: OpDownloadMedia, handle: (*Server).downloadMedia},

	// Operator Connect.
	{method: "POST", path: "/operator_connect/actions/refresh", op: OpOperatorConnectRefresh, invalid: http.StatusBadRequest, handle: (*Server).operatorConnectRefresh},

	// Recording transcriptions.
	{method: "GET", path: "/recording_transcriptions", op: OpGetRecordingTranscriptions, invalid: http.StatusBadRequest, handle: (*Server).listTranscriptions},
	{method: "GET", path: "/recording_transcriptions/{recording_transcription_id:uuid}", op: OpGetRecordingTranscription, invalid: http.StatusBadRequest, handle: transcriptionResource.get},
	{method: "DELETE", path: "/recording_transcriptions/{recording_transcription_id:uuid}", op: OpDeleteRecordingTranscription, invalid: http.StatusBadRequest, handle: (*Server).deleteTranscription},

	// Recordings.
	{method: "GET", path: "/recordings", op: OpGetRecordings, invalid: http.StatusBadRequest, handle: (*Server).listRecordings},
	{method: "POST", path: "/recordings/actions/delete", op: OpDeleteRecordings, invalid: http.StatusBadRequest, handle: (*Server).deleteRecordings},
	{method: "GET", path: "/recordings/{recording_id}", op: OpGetRecording, invalid: http.StatusBadRequest, handle: recordingResource.get},
	{method: "DELETE", path: "/recordings/{recording_id}", op: OpDeleteRecording, invalid: http.StatusBadRequest, handle: (*Server).deleteRecording},

	// SIPREC connectors.
	{method: "POST", path: "/siprec_connectors", op: OpCreateSiprecConnector, family: familySiprec, handle: (*Server).createSiprec},
	{method: "GET", path: "/siprec_connectors/{connector_name}", op: OpGetSiprecConnector, invalid: http.StatusBadRequest, family: familySiprec, handle: siprecResource.get},
	{method: "PUT", path: "/siprec_connectors/{connector_name}", op: OpUpdateSiprecConnector, family: familySiprec, handle: (*Server).updateSiprec},
	{method: "DELETE", path: "/siprec_connectors/{connector_name}", op: OpDeleteSiprecConnector, invalid: http.StatusBadRequest, family: familySiprec, handle: siprecResource.delete},
}

func init() {
	for _, r := range routes {
		r.segs = strings.Split(strings.TrimPrefix(r.path, "/"), "/")
		if r.invalid == 0 {
			r.invalid = http.StatusUnprocessableEntity
		}
	}
}

// malformed is the status for a body or query that cannot be parsed at all.
func (r *route) malformed() int {
	if r.strict {
		return r.invalid
	}
	return http.StatusBadRequest
}

// matchRoute finds the route for method and an escaped path. Path segments
// are unescaped one by one, so an escaped "/" stays inside a parameter. When
// several templates match, literal segments win over parameters. When no
// route has the method, allowed lists the methods of the routes the path
// matched (empty when none did).
func matchRoute(method, escapedPath string) (*route, map[string]string, []string) {
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
	var best *route
	var allowed []string
	bestScore := -1
	for _, rt := range routes {
		if len(rt.segs) != len(segs) {
			continue
		}
		score, ok := templateMatch(rt.segs, raw, segs)
		if !ok {
			continue
		}
		if rt.method != method {
			if !slices.Contains(allowed, rt.method) {
				allowed = append(allowed, rt.method)
			}
			continue
		}
		if score > bestScore {
			best, bestScore = rt, score
		}
	}
	if best == nil {
		slices.Sort(allowed)
		return nil, nil, allowed
	}
	params := map[string]string{}
	for i, t := range best.segs {
		if strings.HasPrefix(t, "{") {
			name, _, _ := strings.Cut(strings.Trim(t, "{}"), ":")
			params[name] = segs[i]
		}
	}
	return best, params, nil
}

// checkPathFormats answers a path value that does not have the format the
// spec declares for its parameter (an int64 or a UUID): with the
// operation's validation status where the spec declares one for bad input
// (422), else 404, since such a value names nothing.
func (c *call) checkPathFormats(rt *route) *response {
	for _, t := range rt.segs {
		name, format, ok := strings.Cut(strings.Trim(t, "{}"), ":")
		if !ok || !strings.HasPrefix(t, "{") {
			continue
		}
		v := c.params[name]
		var want string
		switch {
		case format == "int64" && !isInt64(v):
			want = "a numeric id"
		case format == "uuid" && !isUUID(v):
			want = "a UUID"
		case format == "anyid" && !isUUID(v) && !isInt64(v):
			// The spec declares updateLocation's connection id a UUID
			// while every other path takes the same connection's id as
			// a number: both are accepted.
			want = "a UUID or a numeric id"
		default:
			continue
		}
		detail := "The '" + name + "' path parameter must be " + want + ", not " + quote(v) + "."
		if rt.strict {
			return errorResponse(c.family, c.invalid, detail, &errSource{Parameter: name})
		}
		return errorResponse(c.family, http.StatusNotFound, detail, nil)
	}
	return nil
}

// isInt64 reports whether s is digits only and fits an int64.
func isInt64(s string) bool {
	if s == "" || strings.Trim(s, "0123456789") != "" {
		return false
	}
	_, err := strconv.ParseInt(s, 10, 64)
	return err == nil
}

func templateMatch(tmpl, raw, segs []string) (int, bool) {
	score := 0
	for i, t := range tmpl {
		if strings.HasPrefix(t, "{") {
			if segs[i] == "" {
				return 0, false
			}
			continue
		}
		if raw[i] != t {
			return 0, false
		}
		score += 1 << (len(tmpl) - i)
	}
	return score, true
}
