// Electronic visit verification: fill the check-in/out form with the device's location when the browser gives it.
// Without it the form still works; the clinician says why there is no location.
(function () {
  var form = document.querySelector("form.evv-form");
  if (!form || !navigator.geolocation) return;
  navigator.geolocation.getCurrentPosition(function (position) {
    form.querySelector(".geo-lat").value = position.coords.latitude.toFixed(6);
    form.querySelector(".geo-lon").value = position.coords.longitude.toFixed(6);
    form.querySelector(".geo-acc").value = Math.round(position.coords.accuracy);
  }, function () {}, { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 });
})();
