/* Report maps: municipality boundaries and report points (from JSON in the page, so they
   draw even when no tile server answers), and on the report form a pin that fills the
   latitude/longitude fields, a "use my location" button and a live look for duplicates
   (the idea form of participation uses the same picker, without a category).
   Everything here is an enhancement: the pages work without it. */
(function () {
  "use strict";
  if (typeof window.L === "undefined") { return; }
  var L = window.L;

  function byId(id) { return document.getElementById(id); }

  function drawMap(container) {
    var dataElement = byId(container.getAttribute("data-map-data"));
    if (!dataElement) { return null; }
    var data = JSON.parse(dataElement.textContent);
    container.textContent = "";
    var map = L.map(container, { scrollWheelZoom: false });
    var tileUrl = container.getAttribute("data-tile-url");
    if (tileUrl) {
      L.tileLayer(tileUrl, {
        maxZoom: 19,
        attribution: container.getAttribute("data-tile-attribution") || ""
      }).addTo(map);
    }
    var boundaries = L.geoJSON(
      { type: "FeatureCollection", features: data.features.filter(function (f) { return f.properties.kind === "boundary"; }) },
      { style: function () { return { color: "#174a85", weight: 2, fillOpacity: 0.05 }; } }
    ).addTo(map);
    var points = L.geoJSON(
      { type: "FeatureCollection", features: data.features.filter(function (f) { return f.properties.kind === "report"; }) },
      {
        pointToLayer: function (feature, latlng) {
          var open = feature.properties.open;
          return L.circleMarker(latlng, {
            radius: 7, weight: 2, color: open ? "#8a2c00" : "#1d5c2e",
            fillColor: open ? "#d9531e" : "#2f8f4e", fillOpacity: 0.9
          });
        },
        onEachFeature: function (feature, layer) {
          var p = feature.properties;
          var link = document.createElement("a");
          link.href = p.url;
          link.textContent = p.name + " — " + p.status;
          layer.bindPopup(link);
        }
      }
    ).addTo(map);
    var pointBounds = points.getBounds();
    var bounds = pointBounds.isValid() && data.features.length < 3 ? pointBounds.pad(2) : boundaries.getBounds();
    if (pointBounds.isValid() && !boundaries.getBounds().isValid()) { bounds = pointBounds; }
    if (bounds.isValid()) { map.fitBounds(bounds, { padding: [12, 12], maxZoom: 17 }); } else { map.setView([50.85, 4.35], 9); }
    return map;
  }

  function setUpPicker(map, form) {
    var latitude = form.querySelector("[name=latitude]");
    var longitude = form.querySelector("[name=longitude]");
    var category = form.querySelector("[name=category]");
    var nearbyTarget = form.querySelector("[data-nearby-target]");
    var marker = null;

    function lookForDuplicates() {
      if (!nearbyTarget || !category || !category.value || !latitude.value || !longitude.value) { return; }
      var url = form.getAttribute("data-nearby-url") + "&category=" + encodeURIComponent(category.value) +
        "&latitude=" + encodeURIComponent(latitude.value) + "&longitude=" + encodeURIComponent(longitude.value);
      window.fetch(url, { headers: { "HX-Request": "true" } })
        .then(function (response) { return response.ok ? response.text() : ""; })
        .then(function (html) { nearbyTarget.innerHTML = html; });
    }

    function place(lat, lng, pan) {
      if (marker === null) {
        marker = L.marker([lat, lng], { draggable: true, keyboard: true, title: "" }).addTo(map);
        marker.on("dragend", function () {
          var position = marker.getLatLng();
          place(position.lat, position.lng, false);
        });
      } else {
        marker.setLatLng([lat, lng]);
      }
      latitude.value = lat.toFixed(6);
      longitude.value = lng.toFixed(6);
      if (pan) { map.setView([lat, lng], Math.max(map.getZoom(), 17)); }
      lookForDuplicates();
    }

    if (latitude.value && longitude.value) {
      place(parseFloat(latitude.value), parseFloat(longitude.value), true);
    }
    map.on("click", function (event) { place(event.latlng.lat, event.latlng.lng, false); });
    [latitude, longitude].forEach(function (input) {
      input.addEventListener("change", function () {
        var lat = parseFloat(latitude.value), lng = parseFloat(longitude.value);
        if (!isNaN(lat) && !isNaN(lng)) { place(lat, lng, true); }
      });
    });
    if (category) { category.addEventListener("change", lookForDuplicates); }

    var locateRow = form.querySelector("[data-locate-row]");
    if (locateRow && navigator.geolocation) {
      locateRow.hidden = false;
      var status = locateRow.querySelector("[data-locate-status]");
      locateRow.querySelector("[data-locate]").addEventListener("click", function () {
        status.textContent = locateRow.getAttribute("data-searching") || "…";
        navigator.geolocation.getCurrentPosition(function (position) {
          status.textContent = "";
          place(position.coords.latitude, position.coords.longitude, true);
        }, function (error) {
          status.textContent = error.message;
        }, { enableHighAccuracy: true, timeout: 15000 });
      });
    }
  }

  function start() {
    var containers = document.querySelectorAll("[data-report-map]");
    for (var index = 0; index < containers.length; index += 1) {
      var map = drawMap(containers[index]);
      var form = containers[index].closest("form[data-report-form]");
      if (map && form && containers[index].hasAttribute("data-picker")) { setUpPicker(map, form); }
    }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
