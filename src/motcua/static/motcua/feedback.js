// The feedback form: fill the hidden coordinates from the phone's position when the citizen asks.
(function () {
  "use strict";
  var button = document.getElementById("use-location");
  var status = document.getElementById("location-status");
  var lat = document.getElementById("id_latitude");
  var lng = document.getElementById("id_longitude");
  if (!button || !lat || !lng || !navigator.geolocation) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = "Đang lấy vị trí…";
    navigator.geolocation.getCurrentPosition(function (position) {
      lat.value = position.coords.latitude.toFixed(6);
      lng.value = position.coords.longitude.toFixed(6);
      status.textContent = "Đã ghi vị trí " + lat.value + ", " + lng.value + ".";
    }, function () {
      status.textContent = "Không lấy được vị trí; vui lòng ghi địa chỉ.";
    }, { enableHighAccuracy: true, timeout: 10000 });
  });
}());
