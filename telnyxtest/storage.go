package telnyxtest

import (
	"encoding/json"
	"net/http"
	"sort"
	"time"
)

// Custom storage credentials.

// storageFields lists the string fields each storage backend's configuration accepts.
var storageFields = map[string][]string{
	"gcs":   {"credentials", "bucket"},
	"s3":    {"bucket", "region", "aws_access_key_id", "aws_secret_access_key"},
	"azure": {"bucket", "account_name", "account_key"},
}

func (c *call) parseCredentials() (*credentials, *response) {
	var req struct {
		Backend       opt[string]         `json:"backend"`
		Configuration opt[map[string]any] `json:"configuration"`
	}
	if resp := c.decode(&req); resp != nil {
		return nil, resp
	}
	if !req.Backend.given() {
		return nil, c.missing("/backend")
	}
	fields, ok := storageFields[req.Backend.v]
	if !ok {
		return nil, c.invalidField("/backend", "The 'backend' parameter must be one of: gcs, s3, azure.")
	}
	if !req.Configuration.given() {
		return nil, c.missing("/configuration")
	}
	cfg := req.Configuration.v
	b, present := cfg["backend"]
	if !present || b == nil {
		return nil, c.missing("/configuration/backend")
	}
	if bs, ok := b.(string); !ok || bs != req.Backend.v {
		return nil, c.invalidField("/configuration/backend", "The 'configuration.backend' parameter must equal 'backend' ("+req.Backend.v+").")
	}
	keys := make([]string, 0, len(cfg))
	for k := range cfg {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k == "backend" {
			continue
		}
		if oneOf(k, fields...) {
			if _, ok := cfg[k].(string); !ok {
				return nil, c.invalidField("/configuration/"+k, "The 'configuration."+k+"' parameter must be a string.")
			}
		}
	}
	raw, _ := json.Marshal(cfg)
	return &credentials{connectionID: c.params["connection_id"], backend: req.Backend.v, configuration: raw}, nil
}

func credentialsJSON(cr *credentials) map[string]any {
	return map[string]any{
		"data":          map[string]any{"backend": cr.backend, "configuration": cr.configuration},
		"connection_id": cr.connectionID,
		"record_type":   "custom_storage_credentials",
	}
}

func (s *Server) getCredentials(c *call) *response {
	cr, ok := s.st.credentials.get(c.params["connection_id"])
	if !ok {
		return c.notFound("Custom storage credentials for " + quote(c.params["connection_id"]))
	}
	return jsonResponse(http.StatusOK, credentialsJSON(cr))
}

func (s *Server) createCredentials(c *call) *response {
	id := c.params["connection_id"]
	if _, ok := s.st.credentials.get(id); ok {
		return c.invalidParam("connection_id", "Custom storage credentials for connection_id "+quote(id)+" already exist.")
	}
	cr, resp := c.parseCredentials()
	if resp != nil {
		return resp
	}
	s.st.credentials.put(id, cr)
	return jsonResponse(http.StatusOK, credentialsJSON(cr))
}

func (s *Server) updateCredentials(c *call) *response {
	id := c.params["connection_id"]
	if _, ok := s.st.credentials.get(id); !ok {
		return c.notFound("Custom storage credentials for " + quote(id))
	}
	cr, resp := c.parseCredentials()
	if resp != nil {
		return resp
	}
	s.st.credentials.put(id, cr)
	return jsonResponse(http.StatusOK, credentialsJSON(cr))
}

func (s *Server) deleteCredentials(c *call) *response {
	if !s.st.credentials.del(c.params["connection_id"]) {
		return c.notFound("Custom storage credentials for " + quote(c.params["connection_id"]))
	}
	return &response{status: http.StatusNoContent}
}

// Dialogflow connections.

func (c *call) parseDialogflow() (*dialogflowConn, *response) {
	var req struct {
		ServiceAccount        opt[map[string]any] `json:"service_account"`
		DialogflowAPI         opt[string]         `json:"dialogflow_api"`
		ConversationProfileID opt[string]         `json:"conversation_profile_id"`
		Location              opt[string]         `json:"location"`
		Environment           opt[string]         `json:"environment"`
	}
	if resp := c.decode(&req); resp != nil {
		return nil, resp
	}
	if !req.ServiceAccount.given() {
		return nil, c.missing("/service_account")
	}
	api := "es"
	if req.DialogflowAPI.given() {
		if !oneOf(req.DialogflowAPI.v, "cx", "es") {
			return nil, c.invalidField("/dialogflow_api", "The 'dialogflow_api' parameter must be one of: cx, es.")
		}
		api = req.DialogflowAPI.v
	}
	return &dialogflowConn{
		connectionID:          c.params["connection_id"],
		serviceAccount:        req.ServiceAccount.v,
		dialogflowAPI:         api,
		conversationProfileID: req.ConversationProfileID.v,
		location:              req.Location.v,
		environment:           req.Environment.v,
	}, nil
}

func dialogflowJSON(d *dialogflowConn) map[string]any {
	data := map[string]any{
		"record_type":     "dialogflow_connections",
		"connection_id":   d.connectionID,
		"service_account": "****",
	}
	if d.conversationProfileID != "" {
		data["conversation_profile_id"] = d.conversationProfileID
	}
	if d.environment != "" {
		data["environment"] = d.environment
	}
	return map[string]any{"data": data}
}

func (s *Server) getDialogflow(c *call) *response {
	d, ok := s.st.dialogflow.get(c.params["connection_id"])
	if !ok {
		return c.notFound("Dialogflow connection for " + quote(c.params["connection_id"]))
	}
	return jsonResponse(http.StatusOK, dialogflowJSON(d))
}

func (s *Server) createDialogflow(c *call) *response {
	id := c.params["connection_id"]
	if _, ok := s.st.dialogflow.get(id); ok {
		return c.invalidParam("connection_id", "A Dialogflow connection for connection_id "+quote(id)+" already exists.")
	}
	d, resp := c.parseDialogflow()
	if resp != nil {
		return resp
	}
	s.st.dialogflow.put(id, d)
	return jsonResponse(http.StatusCreated, dialogflowJSON(d))
}

func (s *Server) updateDialogflow(c *call) *response {
	id := c.params["connection_id"]
	if _, ok := s.st.dialogflow.get(id); !ok {
		return c.notFound("Dialogflow connection for " + quote(id))
	}
	d, resp := c.parseDialogflow()
	if resp != nil {
		return resp
	}
	s.st.dialogflow.put(id, d)
	return jsonResponse(http.StatusOK, dialogflowJSON(d))
}

func (s *Server) deleteDialogflow(c *call) *response {
	if !s.st.dialogflow.del(c.params["connection_id"]) {
		return c.notFound("Dialogflow connection for " + quote(c.params["connection_id"]))
	}
	return &response{status: http.StatusNoContent}
}

// SIPREC connectors.

func (c *call) parseSiprec() (*siprecConnector, *response) {
	var req struct {
		Host         opt[string] `json:"host"`
		Port         opt[int]    `json:"port"`
		Name         opt[string] `json:"name"`
		AppSubdomain opt[string] `json:"app_subdomain"`
	}
	if resp := c.decode(&req); resp != nil {
		return nil, resp
	}
	if !req.Host.given() || req.Host.v == "" {
		return nil, c.missing("/host")
	}
	if !req.Port.given() {
		return nil, c.missing("/port")
	}
	if req.Port.v < 1 || req.Port.v > 65535 {
		return nil, c.invalidField("/port", "The 'port' parameter must be between 1 and 65535.")
	}
	if !req.Name.given() || req.Name.v == "" {
		return nil, c.missing("/name")
	}
	return &siprecConnector{name: req.Name.v, host: req.Host.v, port: req.Port.v, appSubdomain: req.AppSubdomain.v}, nil
}

func siprecJSON(sc *siprecConnector) map[string]any {
	data := map[string]any{
		"record_type": "siprec_connector",
		"name":        sc.name,
		"host":        sc.host,
		"port":        sc.port,
		"created_at":  sc.createdAt.Format(tsLayout),
		"updated_at":  sc.updatedAt.Format(tsLayout),
	}
	if sc.appSubdomain != "" {
		data["app_subdomain"] = sc.appSubdomain
	}
	return map[string]any{"data": data}
}

func (s *Server) createSiprec(c *call) *response {
	sc, resp := c.parseSiprec()
	if resp != nil {
		return resp
	}
	if _, ok := s.st.siprec.get(sc.name); ok {
		return c.invalidField("/name", "The 'name' "+quote(sc.name)+" is already used by another SIPREC connector.")
	}
	now := c.now.Truncate(time.Millisecond)
	sc.createdAt, sc.updatedAt = now, now
	s.st.siprec.put(sc.name, sc)
	return jsonResponse(http.StatusCreated, siprecJSON(sc))
}

func (s *Server) getSiprec(c *call) *response {
	sc, ok := s.st.siprec.get(c.params["connector_name"])
	if !ok {
		return c.notFound("SIPREC connector " + quote(c.params["connector_name"]))
	}
	return jsonResponse(http.StatusOK, siprecJSON(sc))
}

func (s *Server) updateSiprec(c *call) *response {
	name := c.params["connector_name"]
	old, ok := s.st.siprec.get(name)
	if !ok {
		return c.notFound("SIPREC connector " + quote(name))
	}
	sc, resp := c.parseSiprec()
	if resp != nil {
		return resp
	}
	if sc.name != name {
		if _, taken := s.st.siprec.get(sc.name); taken {
			return c.invalidField("/name", "The 'name' "+quote(sc.name)+" is already used by another SIPREC connector.")
		}
		s.st.siprec.rename(name, sc.name)
	}
	sc.createdAt = old.createdAt
	sc.updatedAt = c.now.Truncate(time.Millisecond)
	s.st.siprec.put(sc.name, sc)
	return jsonResponse(http.StatusOK, siprecJSON(sc))
}

func (s *Server) deleteSiprec(c *call) *response {
	if !s.st.siprec.del(c.params["connector_name"]) {
		return c.notFound("SIPREC connector " + quote(c.params["connector_name"]))
	}
	return &response{status: http.StatusNoContent}
}
