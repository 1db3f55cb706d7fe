/* Draws municipality boundaries with Leaflet. The boundaries come from the page (JSON),
   so they show even when no tile server answers; tiles are only a background. */
(function () {
  "use strict";
  if (typeof window.L === "undefined") { return; }

  function drawMap(container) {
    var dataElement = document.getElementById(container.getAttribute("data-map-data"));
    if (!dataElement) { return; }
    var data = JSON.parse(dataElement.textContent);
    container.textContent = "";
    var map = window.L.map(container, { scrollWheelZoom: false });
    var tileUrl = container.getAttribute("data-tile-url");
    if (tileUrl) {
      window.L.tileLayer(tileUrl, {
        maxZoom: 18,
        attribution: container.getAttribute("data-tile-attribution") || ""
      }).addTo(map);
    }
    var layer = window.L.geoJSON(data, {
      style: function () {
        return { color: "#174a85", weight: 2, fillColor: "#174a85", fillOpacity: 0.12 };
      },
      onEachFeature: function (feature, featureLayer) {
        var properties = feature.properties || {};
        if (properties.name) {
          featureLayer.bindTooltip(properties.name, { sticky: true });
        }
        if (properties.url) {
          featureLayer.on("click", function () { window.location.href = properties.url; });
          featureLayer.on("mouseover", function () { featureLayer.setStyle({ fillOpacity: 0.3 }); });
          featureLayer.on("mouseout", function () { featureLayer.setStyle({ fillOpacity: 0.12 }); });
        }
      }
    }).addTo(map);
    var bounds = layer.getBounds();
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [12, 12] });
    } else {
      map.setView([50.85, 4.35], 8);
    }
  }

  function drawAll() {
    var containers = document.querySelectorAll("[data-loket-map]");
    for (var index = 0; index < containers.length; index += 1) {
      drawMap(containers[index]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
