package telnyxtest

// Operation names one operation of the API by its operationId in the
// OpenAPI spec. It is what OnOperation narrows a fault to and what
// RecordedRequest.Operation reports. The values are case-sensitive and
// spelled as the spec spells them, so a few start with a lower-case letter.
type Operation string

// The 48 operations of the API, grouped by resource.
const (
	// OpGetCustomStorageCredentials reads the storage credentials of a connection.
	OpGetCustomStorageCredentials Operation = "GetCustomStorageCredentials"
	// OpCreateCustomStorageCredentials stores storage credentials for a connection.
	OpCreateCustomStorageCredentials Operation = "CreateCustomStorageCredentials"
	// OpUpdateCustomStorageCredentials replaces the storage credentials of a connection.
	OpUpdateCustomStorageCredentials Operation = "UpdateCustomStorageCredentials"
	// OpDeleteCustomStorageCredentials removes the storage credentials of a connection.
	OpDeleteCustomStorageCredentials Operation = "DeleteCustomStorageCredentials"

	// OpGetDialogflowConnection reads the Dialogflow settings of a connection.
	OpGetDialogflowConnection Operation = "GetDialogflowConnection"
	// OpCreateDialogflowConnection stores Dialogflow settings for a connection.
	OpCreateDialogflowConnection Operation = "CreateDialogflowConnection"
	// OpUpdateDialogflowConnection replaces the Dialogflow settings of a connection.
	OpUpdateDialogflowConnection Operation = "UpdateDialogflowConnection"
	// OpDeleteDialogflowConnection removes the Dialogflow settings of a connection.
	OpDeleteDialogflowConnection Operation = "DeleteDialogflowConnection"

	// OpListExternalConnections lists external connections.
	OpListExternalConnections Operation = "ListExternalConnections"
	// OpCreateExternalConnection creates a Zoom external connection.
	OpCreateExternalConnection Operation = "CreateExternalConnection"
	// OpGetExternalConnection reads one external connection.
	OpGetExternalConnection Operation = "GetExternalConnection"
	// OpUpdateExternalConnection changes an external connection.
	OpUpdateExternalConnection Operation = "UpdateExternalConnection"
	// OpDeleteExternalConnection deletes an external connection.
	OpDeleteExternalConnection Operation = "DeleteExternalConnection"

	// OpListExternalConnectionLogMessages lists log messages.
	OpListExternalConnectionLogMessages Operation = "ListExternalConnectionLogMessages"
	// OpGetExternalConnectionLogMessage reads one log message.
	OpGetExternalConnectionLogMessage Operation = "GetExternalConnectionLogMessage"
	// OpDeleteExternalConnectionLogMessage dismisses a log message.
	OpDeleteExternalConnectionLogMessage Operation = "DeleteExternalConnectionLogMessage"

	// OpListCivicAddresses lists the civic addresses of a connection.
	OpListCivicAddresses Operation = "ListCivicAddresses"
	// OpGetExternalConnectionCivicAddress reads one civic address.
	OpGetExternalConnectionCivicAddress Operation = "GetExternalConnectionCivicAddress"
	// OpUpdateLocation sets the static emergency address of a location.
	OpUpdateLocation Operation = "updateLocation"

	// OpListExternalConnectionPhoneNumbers lists the phone numbers of a connection.
	OpListExternalConnectionPhoneNumbers Operation = "ListExternalConnectionPhoneNumbers"
	// OpGetExternalConnectionPhoneNumber reads one phone number of a connection.
	OpGetExternalConnectionPhoneNumber Operation = "GetExternalConnectionPhoneNumber"
	// OpUpdateExternalConnectionPhoneNumber moves a phone number to another location.
	OpUpdateExternalConnectionPhoneNumber Operation = "UpdateExternalConnectionPhoneNumber"

	// OpListExternalConnectionReleases lists the releases of a connection.
	OpListExternalConnectionReleases Operation = "ListExternalConnectionReleases"
	// OpGetExternalConnectionRelease reads one release.
	OpGetExternalConnectionRelease Operation = "GetExternalConnectionRelease"

	// OpListExternalConnectionUploads lists the uploads of a connection.
	OpListExternalConnectionUploads Operation = "ListExternalConnectionUploads"
	// OpCreateExternalConnectionUpload asks for numbers to be uploaded to Microsoft Teams.
	OpCreateExternalConnectionUpload Operation = "CreateExternalConnectionUpload"
	// OpRefreshExternalConnectionUploads rechecks the pending uploads of a connection.
	OpRefreshExternalConnectionUploads Operation = "RefreshExternalConnectionUploads"
	// OpGetExternalConnectionUploadsStatus counts the pending uploads of a connection.
	OpGetExternalConnectionUploadsStatus Operation = "GetExternalConnectionUploadsStatus"
	// OpGetExternalConnectionUpload reads one upload.
	OpGetExternalConnectionUpload Operation = "GetExternalConnectionUpload"
	// OpRetryUpload retries a failed upload.
	OpRetryUpload Operation = "RetryUpload"

	// OpListMediaStorage lists stored media.
	OpListMediaStorage Operation = "ListMediaStorage"
	// OpCreateMediaStorage stores media from a URL or a file.
	OpCreateMediaStorage Operation = "CreateMediaStorage"
	// OpGetMediaStorage reads the metadata of stored media.
	OpGetMediaStorage Operation = "GetMediaStorage"
	// OpUpdateMediaStorage replaces stored media or its lifetime.
	OpUpdateMediaStorage Operation = "UpdateMediaStorage"
	// OpDeleteMediaStorage deletes stored media.
	OpDeleteMediaStorage Operation = "DeleteMediaStorage"
	// OpDownloadMedia downloads the bytes of stored media.
	OpDownloadMedia Operation = "DownloadMedia"

	// OpOperatorConnectRefresh asks for the Operator Connect integration to be refreshed.
	OpOperatorConnectRefresh Operation = "OperatorConnectRefresh"

	// OpGetRecordingTranscriptions lists recording transcriptions.
	OpGetRecordingTranscriptions Operation = "getRecordingTranscriptions"
	// OpGetRecordingTranscription reads one recording transcription.
	OpGetRecordingTranscription Operation = "getRecordingTranscription"
	// OpDeleteRecordingTranscription deletes a recording transcription.
	OpDeleteRecordingTranscription Operation = "deleteRecordingTranscription"

	// OpGetRecordings lists call recordings.
	OpGetRecordings Operation = "GetRecordings"
	// OpDeleteRecordings deletes several call recordings at once.
	OpDeleteRecordings Operation = "DeleteRecordings"
	// OpGetRecording reads one call recording.
	OpGetRecording Operation = "GetRecording"
	// OpDeleteRecording deletes one call recording.
	OpDeleteRecording Operation = "DeleteRecording"

	// OpCreateSiprecConnector creates a SIPREC connector.
	OpCreateSiprecConnector Operation = "createSiprecConnector"
	// OpGetSiprecConnector reads a SIPREC connector.
	OpGetSiprecConnector Operation = "getSiprecConnector"
	// OpUpdateSiprecConnector replaces the configuration of a SIPREC connector.
	OpUpdateSiprecConnector Operation = "updateSiprecConnector"
	// OpDeleteSiprecConnector deletes a SIPREC connector.
	OpDeleteSiprecConnector Operation = "deleteSiprecConnector"
)

// AllOperations returns every operation the fake serves, in the order of
// its route table.
func AllOperations() []Operation {
	out := make([]Operation, len(routes))
	for i, r := range routes {
		out[i] = r.op
	}
	return out
}

// known reports whether op is one of the operations the fake serves.
func (op Operation) known() bool {
	for _, r := range routes {
		if r.op == op {
			return true
		}
	}
	return false
}

// Operations lists the operation of each request, in order, for asserting
// on the sequence of calls the code under test made. A request no route
// matched contributes "".
func Operations(reqs []RecordedRequest) []Operation {
	ops := make([]Operation, len(reqs))
	for i, r := range reqs {
		ops[i] = r.Operation
	}
	return ops
}
