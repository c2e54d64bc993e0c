DELETE FROM offices;
